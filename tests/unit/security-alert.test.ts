import { describe, expect, it } from 'vitest';
import { createSecurityAlert } from '../../src/credentials/security-alert';
import type { Mailer } from '../../src/notifications/mailer.port';

const event = { username: 'CC2000000001', blockedAt: '2026-11-28T15:00:00.000Z', providers: 6 };

function capture() {
  const sent: Parameters<Mailer['send']>[0][] = [];
  return { sent, mailer: { send: async (message) => void sent.push(message) } satisfies Mailer };
}

describe('security alert for blocked reveals', () => {
  it('goes to MSPS_SECURITY_EMAILS when set, and to the fallback (alert list or active officials) when it is empty', async () => {
    const configured = capture();
    await createSecurityAlert({
      mailer: configured.mailer,
      recipients: ['seguridad@minsalud.example'],
      fallbackRecipients: async () => ['otro@minsalud.example'],
      burstProviders: 5,
      publicBaseUrl: 'https://ihce.example',
    }).revealsBlocked(event);
    expect(configured.sent.map((m) => m.to)).toEqual([['seguridad@minsalud.example']]);

    const empty = capture();
    await createSecurityAlert({
      mailer: empty.mailer,
      recipients: [],
      fallbackRecipients: async () => ['funcionaria@minsalud.example'],
      burstProviders: 5,
      publicBaseUrl: 'https://ihce.example',
    }).revealsBlocked(event);
    expect(empty.sent.map((m) => m.to)).toEqual([['funcionaria@minsalud.example']]);
  });

  it('with nobody at all to tell, it fails so the queue retries and poisons instead of dropping the alert', async () => {
    const none = capture();
    const alert = createSecurityAlert({
      mailer: none.mailer,
      recipients: [],
      fallbackRecipients: async () => [],
      burstProviders: 5,
      publicBaseUrl: 'https://ihce.example',
    });
    await expect(alert.revealsBlocked(event)).rejects.toThrow(/destinatarios/);
    expect(none.sent).toHaveLength(0);
  });
});
