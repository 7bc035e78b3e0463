import type { Client } from '@microsoft/microsoft-graph-client';
import type { KeyCredentialInput, RegisteredKeyCredential } from '../../credentials/app-registrar.port';
import { afterReplication } from './graph-client';

/** A keyCredential as Graph returns it with `$select=keyCredentials` on one application (the only read that includes `key`). */
type StoredKeyCredential = {
  keyId: string;
  customKeyIdentifier?: string | null;
  type: string;
  usage: string;
  key?: string | null;
  displayName?: string | null;
  startDateTime?: string;
  endDateTime?: string;
};

/** Graph's customKeyIdentifier is Binary (base64 in JSON): the SHA-1 thumbprint's 20 bytes, as Entra ID shows it in hex. */
export const keyIdentifierOf = (thumbprintSha1: string) => Buffer.from(thumbprintSha1, 'hex').toString('base64');

const read = async (client: Client, objectId: string) =>
  ((await client.api(`/applications/${objectId}`).select('keyCredentials').get()) as { keyCredentials?: StoredKeyCredential[] })
    .keyCredentials ?? [];

/**
 * `PATCH /applications/{id}` with `keyCredentials` (application update; least privilege for an application:
 * Application.ReadWrite.OwnedBy, https://learn.microsoft.com/graph/api/application-update). The PATCH replaces
 * the whole collection, so what stays is sent back with its `key`. `addKey` is not used: it needs a proof JWT
 * signed by a key the application already holds, which the ministry never has
 * (https://learn.microsoft.com/graph/api/application-addkey).
 */
export async function putKeyCredential(
  client: Client,
  objectId: string,
  certificate: KeyCredentialInput,
  keep: string[],
): Promise<{ keyId: string }> {
  const identifier = keyIdentifierOf(certificate.thumbprintSha1);
  const kept = new Set(keep.map(keyIdentifierOf));
  const existing = await afterReplication(() => read(client, objectId));
  const already = existing.find((credential) => credential.customKeyIdentifier === identifier);
  const others = existing.filter((credential) => credential.customKeyIdentifier !== identifier);
  const stays = others.filter((credential) => credential.customKeyIdentifier && kept.has(credential.customKeyIdentifier));
  if (already && stays.length === others.length) return { keyId: already.keyId };
  await client.api(`/applications/${objectId}`).patch({
    keyCredentials: [
      ...stays,
      already ?? {
        type: 'AsymmetricX509Cert',
        usage: 'Verify',
        key: certificate.derBase64,
        customKeyIdentifier: identifier,
        displayName: certificate.displayName,
        startDateTime: certificate.startDateTime,
        endDateTime: certificate.endDateTime,
      },
    ],
  });
  const added = (await read(client, objectId)).find((credential) => credential.customKeyIdentifier === identifier);
  if (!added) throw new Error('Microsoft Graph no muestra el certificado recién agregado.');
  return { keyId: added.keyId };
}

/**
 * Takes one certificate off the application (the same whole-collection PATCH); nothing to do when it is not there.
 * Graph's application update takes no If-Match: the caller serialises writers (certificates.service.ts).
 */
export async function removeKeyCredential(client: Client, objectId: string, thumbprintSha1: string): Promise<void> {
  const identifier = keyIdentifierOf(thumbprintSha1);
  const existing = await read(client, objectId);
  if (!existing.some((credential) => credential.customKeyIdentifier === identifier)) return;
  await client
    .api(`/applications/${objectId}`)
    .patch({ keyCredentials: existing.filter((credential) => credential.customKeyIdentifier !== identifier) });
}

/** The application's certificates (customKeyIdentifier back to the SHA-1 thumbprint in hex) and their dates. */
export async function readKeyCredentials(client: Client, objectId: string): Promise<RegisteredKeyCredential[]> {
  return (await read(client, objectId)).map((credential) => ({
    thumbprintSha1: Buffer.from(credential.customKeyIdentifier ?? '', 'base64').toString('hex'),
    startDateTime: credential.startDateTime,
    endDateTime: credential.endDateTime,
  }));
}
