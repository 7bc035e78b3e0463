import { describe, expect, it } from 'vitest';
import { CLIENT_ASSERTION_TYPE, clientAssertionGuide, thumbprintHeader } from '../../src/credentials/client-assertion-guide';

const keys = {
  clientId: '1b4e28ba-2fa1-41d2-883f-0016d3cca427',
  tokenUrl: 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/oauth2/v2.0/token',
  scope: 'api://ihce/.default',
};

describe('the client-assertion guide of a certificate-only environment', () => {
  it('names the assertion type, the audience (the token URL) and the x5t#S256 header in base64url', () => {
    const sha256 = 'AB'.repeat(32);
    const guide = clientAssertionGuide(keys, { thumbprintSha256: sha256, thumbprintSha1: 'CD'.repeat(20) });
    expect(guide.client_assertion_type).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
    expect(guide.clientAssertionAudience).toBe(keys.tokenUrl);
    expect(guide.x5tS256).toBe(Buffer.from(sha256, 'hex').toString('base64url'));
    expect(thumbprintHeader('00ff')).toBe('AP8');
    expect(guide.instrucciones).toContain(`"aud" = ${keys.tokenUrl}`);
    expect(guide.instrucciones).toContain(`"iss" = "sub" = ${keys.clientId}`);
    expect(guide.instrucciones).toContain(`client_assertion_type=${CLIENT_ASSERTION_TYPE}`);
    expect(guide.instrucciones).not.toMatch(/client_secret/);
  });

  it('without a certificate yet, tells to upload it on Paso 2', () => {
    expect(clientAssertionGuide(keys).x5tS256).toBe('<cargue el certificado en el Paso 2>');
  });
});
