import type { OfficerSignIn } from '../../../../../src/officer-sso/officer-sso.schemas';
import { apiRequest } from '../../../lib/api-client';

/** What the sign-in page reads of GET /api/catalogs: which paths officials have (OFFICER_SIGN_IN). */
export type SignInCatalogs = { officerSignIn: OfficerSignIn };

export function getCatalogs(): Promise<SignInCatalogs> {
  return apiRequest<SignInCatalogs>('GET', 'catalogs');
}
