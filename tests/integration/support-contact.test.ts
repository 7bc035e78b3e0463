import { beforeAll, describe, expect, it } from 'vitest';
import { definition as passwordResetsConfirm } from '../../functions/password-resets-confirm';
import { definition as passwordResetsCreate } from '../../functions/password-resets-create';
import { definition as siteGet } from '../../functions/site-get';
import type { Services } from '../../src/composition-root';
import { signedInDelegate } from '../support/accounts';
import { providerFixture, seedDirectory } from '../support/directory-fixtures';
import { linkIn, tokenFrom, waitForEmails } from '../support/maildev';
import { drainNotifications } from '../support/queue';
import { call, solvedCaptcha, startTestServices } from '../support/test-app';

/** A help desk other than the defaults: what arrives must come from the settings, not from the code. */
const settings = {
  SUPPORT_EMAIL: 'mesa.ihce@minsalud.example',
  SUPPORT_PHONE: '(+57) 601 555 0101',
  SUPPORT_TOLL_FREE: '01 8000 555 010',
  SUPPORT_HOURS: 'lunes a viernes de 7:00 a. m. a 6:00 p. m.',
  SITE_ENTITY_ADDRESS: 'Calle de prueba 1 # 2-3, Bogotá D.C.',
};
let services: Services;
const provider = providerFixture('Soporte');

beforeAll(async () => {
  services = await startTestServices({ env: settings });
  await seedDirectory(services, [provider], []);
});

describe('the help desk from the settings', () => {
  it('GET /api/site gives the web the entity, its address, the help desk and the policy links (cacheable, public)', async () => {
    const result = await call(siteGet, { method: 'GET', path: 'site' });
    expect(result.status).toBe(200);
    expect(result.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(result.body).toEqual({
      entityName: 'Ministerio de Salud y Protección Social',
      address: settings.SITE_ENTITY_ADDRESS,
      support: {
        email: settings.SUPPORT_EMAIL,
        phone: settings.SUPPORT_PHONE,
        tollFree: settings.SUPPORT_TOLL_FREE,
        hours: settings.SUPPORT_HOURS,
      },
      links: {
        privacy: 'https://www.minsalud.gov.co/',
        terms: 'https://www.minsalud.gov.co/',
        accessibility: 'https://www.minsalud.gov.co/',
      },
    });
  });

  it('the reset e-mail closes with the help desk, and «¿No fue usted?» of the password change names its e-mail and phone (MailDev)', async () => {
    const { username } = await signedInDelegate(services, provider);
    const email = provider.delegate.email;
    await call(passwordResetsCreate, { body: { username, captcha: await solvedCaptcha() } });
    await drainNotifications(services);
    const withReset = await waitForEmails(email, 2);
    const reset = withReset.at(-1)!;
    const closing = `¿Necesita ayuda? Mesa de ayuda del Ministerio de Salud y Protección Social: ${settings.SUPPORT_EMAIL} · ${settings.SUPPORT_PHONE} · línea gratuita ${settings.SUPPORT_TOLL_FREE} · ${settings.SUPPORT_HOURS}.`;
    expect(reset.text).toContain(closing);
    expect(reset.html).toContain(settings.SUPPORT_EMAIL);

    const token = tokenFrom(linkIn(reset, 'restablecer'));
    expect((await call(passwordResetsConfirm, { body: { token, password: 'Guadua y bambú del Quindío 9' } })).status).toBe(200);
    await drainNotifications(services);
    const changed = (await waitForEmails(email, 3)).at(-1)!;
    expect(changed.subject).toBe('Su contraseña de IHCE – Llaves de acceso cambió');
    expect(changed.text.replace(/\s+/g, ' ')).toContain(
      `comuníquese con la mesa de ayuda del Ministerio de Salud y Protección Social (correo ${settings.SUPPORT_EMAIL}, teléfono ${settings.SUPPORT_PHONE}, línea gratuita ${settings.SUPPORT_TOLL_FREE}; ${settings.SUPPORT_HOURS}).`,
    );
  });
});
