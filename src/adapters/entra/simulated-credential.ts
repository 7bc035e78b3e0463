import type { AccessToken, TokenCredential } from '@azure/identity';

/** The bearer token the local Entra ID simulator accepts from the app. Development and tests only (config refuses it in Azure). */
export const SIMULATOR_TOKEN = 'token-del-simulador-de-entra-id';
/**
 * The token of a tenant administrator in the simulator (`npm run entra:grant-api-access` in simulated mode): the
 * simulator tells it from the app's, and grants app roles only to it, as Entra ID would without
 * AppRoleAssignment.ReadWrite.All on the app's identity.
 */
export const SIMULATOR_ADMIN_TOKEN = 'token-del-administrador-del-simulador-de-entra-id';
/** appId of the app's own service principal in the simulator: the owner of every application the app creates there. */
export const SIMULATOR_RUNTIME_APP_ID = '0a1b2c3d-0000-4000-8000-00000000e1d0';

const fixedToken = (token: string): TokenCredential => ({
  async getToken(): Promise<AccessToken> {
    return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
  },
});

export const simulatedCredential = fixedToken(SIMULATOR_TOKEN);
export const simulatedAdminCredential = fixedToken(SIMULATOR_ADMIN_TOKEN);
