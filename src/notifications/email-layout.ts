import type { MailMessage } from './mailer.port';
import { helpDeskLine, type SupportContact } from './support-contact';

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

export type EmailContent = {
  to: string[];
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footnote?: string;
  /** The help desk from the settings: its line closes the message. */
  support?: SupportContact;
};

/**
 * Long words (a link, a GUID) break instead of widening the message past a phone's screen. Inline styles:
 * many mail clients drop `<style>` blocks.
 */
export const WRAP = 'overflow-wrap:anywhere;word-break:break-word';
const text = `margin:0 0 16px;${WRAP}`;
const small = `font-size:13px;color:#52606d;${WRAP}`;

/** One look for every e-mail: plain text for any client, and simple HTML in the ministry's colours that fits a 320 px screen. */
export function renderEmail(content: EmailContent): MailMessage {
  const footer =
    'Ministerio de Salud y Protección Social – IHCE Administración de Llaves de acceso. Este correo es automático; no lo responda.';
  const plain = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ''] : []),
    ...(content.footnote ? [content.footnote, ''] : []),
    '--',
    ...(content.support ? [helpDeskLine(content.support)] : []),
    footer,
  ].join('\n');

  const url = content.action && escapeHtml(content.action.url);
  const html = `<!doctype html><html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="margin:0;padding:0;background:#f5f7fb;font-family:Arial,Helvetica,sans-serif;color:#1f2933;font-size:16px;line-height:1.5">
<div style="background:#3366cc;color:#fff;padding:8px 16px;font-weight:bold">GOV.CO</div>
<div class="email-body" style="box-sizing:border-box;width:100%;max-width:600px;margin:0 auto;background:#fff;padding:24px 16px">
<h1 style="color:#004884;font-size:20px;margin-top:0;${WRAP}">${escapeHtml(content.subject)}</h1>
<p style="${text}">${escapeHtml(content.greeting)}</p>
${content.paragraphs.map((p) => `<p style="${text}">${escapeHtml(p)}</p>`).join('\n')}
${
  content.action
    ? `<p style="${text}"><a class="email-button" href="${url}" style="display:inline-block;max-width:100%;box-sizing:border-box;background:#3366cc;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none;${WRAP}">${escapeHtml(content.action.label)}</a></p>
<p style="${small}">Si el botón no funciona, copie este enlace en su navegador:<br><a class="email-url" href="${url}" style="color:#004884;${WRAP}">${url}</a></p>`
    : ''
}
${content.footnote ? `<p style="${small}">${escapeHtml(content.footnote)}</p>` : ''}
<hr style="border:none;border-top:1px solid #d0d7e2">${content.support ? `<p style="${small}">${escapeHtml(helpDeskLine(content.support))}</p>` : ''}<p style="font-size:12px;color:#52606d;${WRAP}">${escapeHtml(footer)}</p>
</div></body></html>`;

  return { to: content.to, subject: content.subject, text: plain, html };
}
