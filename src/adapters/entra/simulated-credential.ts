import type { AccessToken, TokenCredential } from '@azure/identity';

/** The bearer token the local Entra ID simulator accepts. Development and tests only (config refuses it in Azure). */
export const SIMULATOR_TOKEN = 'token-del-simulador-de-entra-id';

export const simulatedCredential: TokenCredential = {
  async getToken(): Promise<AccessToken> {
    return { token: SIMULATOR_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};
