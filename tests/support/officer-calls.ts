import { definition as providerCredentialsPut } from '../../functions/provider-credentials-put';
import { definition as providersGet } from '../../functions/providers-get';
import { call } from './test-app';

/** An official's view of a provider's file (GET /api/providers/{nit}). */
export const getProviderFile = (cookie: string, nit: string) => call(providersGet, { cookie, path: `providers/${nit}`, params: { nit } });

/**
 * PUT the keys with this If-Match, or none (the 428 case): for a test that holds a version on purpose, an old
 * one or the same one twice. Every other test uses {@link saveProviderKeys}.
 */
export const putProviderKeys = (cookie: string, nit: string, body: unknown, ifMatch: string | undefined) =>
  call(providerCredentialsPut, {
    method: 'PUT',
    cookie,
    path: `providers/${nit}/credentials`,
    params: { nit },
    body,
    headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
  });

/** «Guardar» on the key form: PUT the keys with the If-Match of the file as the official just read it. */
export const saveProviderKeys = async (cookie: string, nit: string, body: unknown) =>
  putProviderKeys(cookie, nit, body, (await getProviderFile(cookie, nit)).body.version);
