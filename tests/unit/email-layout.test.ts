import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatBogotaDate, formatBogotaDay, sentence } from '../../src/kernel/bogota-date';
import { renderEmail, WRAP } from '../../src/notifications/email-layout';

const longUrl = `https://ihce-llaves.minsalud.gov.co/restablecer#token=${'A1b2C3d4'.repeat(20)}`;
const mail = renderEmail({
  to: ['delegado@example.co'],
  subject: 'Restablezca su contraseña de IHCE – Llaves de acceso',
  greeting: 'Hola:',
  paragraphs: [`Un párrafo con un enlace largo pegado: ${longUrl}`],
  action: { label: 'Restablecer contraseña', url: longUrl },
  footnote: 'Nota.',
});

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });

describe('e-mails fit a phone screen', () => {
  it('the body is a fluid column of at most 600 px, with a viewport for phones', () => {
    expect(mail.html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(mail.html).toMatch(/class="email-body" style="box-sizing:border-box;width:100%;max-width:600px;/);
  });

  it('every paragraph, heading and link breaks long words (links, tokens, GUIDs)', () => {
    const tags = [...mail.html.matchAll(/<(p|a|h1)\b[^>]*>/g)].map((match) => match[0]);
    expect(tags.length).toBeGreaterThan(5);
    for (const tag of tags) expect(tag, tag).toContain(WRAP);
    expect(WRAP).toContain('overflow-wrap:anywhere');
  });

  it('the button says what it does in a few words, and the address is shown apart as a link that wraps', () => {
    const button = /<a class="email-button"[^>]*>([^<]*)<\/a>/.exec(mail.html)!;
    expect(button[1]).toBe('Restablecer contraseña');
    expect(button[0]).toContain('max-width:100%');
    expect(mail.html).toMatch(
      new RegExp(
        `<a class="email-url" href="[^"]+" style="[^"]*overflow-wrap:anywhere[^"]*">${longUrl.replace(/[.?*+^$[\]\\(){}|-]/g, '\\$&')}</a>`,
      ),
    );
  });

  it('every template goes through this layout: no other module writes e-mail HTML', () => {
    const senders = sourceFiles('src').filter((file) => /mailer\.send\(/.test(readFileSync(file, 'utf8')));
    expect(senders.length).toBeGreaterThanOrEqual(5);
    for (const file of senders) expect(readFileSync(file, 'utf8'), file).toContain('renderEmail(');
    const htmlWriters = sourceFiles('src').filter((file) => /<html/i.test(readFileSync(file, 'utf8')));
    expect(htmlWriters.map((file) => path.relative('src', file))).toEqual([path.join('notifications', 'email-layout.ts')]);
  });
});

describe('dates in e-mails, as people in Colombia read them', () => {
  it('a moment: day, month and year, then the time in Bogotá, with plain spaces', () => {
    expect(formatBogotaDate('2026-12-02T20:15:00.000Z')).toBe('2 de diciembre de 2026, 3:15 p. m.');
    expect(formatBogotaDate(new Date('2026-12-03T04:05:00.000Z'))).toBe('2 de diciembre de 2026, 11:05 p. m.');
  });

  it('a calendar day (an expiry date) keeps its day whatever the time zone', () => {
    expect(formatBogotaDay('2027-06-30')).toBe('30 de junio de 2027');
    expect(formatBogotaDay('2027-01-01')).toBe('1 de enero de 2027');
  });

  it('a sentence that ends in «p. m.» gets no second full stop', () => {
    expect(sentence(`Registrada el ${formatBogotaDate('2026-12-02T20:15:00.000Z')}`)).toBe(
      'Registrada el 2 de diciembre de 2026, 3:15 p. m.',
    );
    expect(sentence('Vence el 30 de junio de 2027')).toBe('Vence el 30 de junio de 2027.');
  });
});
