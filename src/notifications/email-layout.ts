import type { MailMessage } from './mailer.port';

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

export type EmailContent = {
  to: string[];
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footnote?: string;
};

/** One look for every e-mail: plain text for any client, and simple HTML in the ministry's colours. */
export function renderEmail(content: EmailContent): MailMessage {
  const footer =
    'Ministerio de Salud y Protección Social – IHCE Administración de Llaves de acceso. Este correo es automático; no lo responda.';
  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ''] : []),
    ...(content.footnote ? [content.footnote, ''] : []),
    '--',
    footer,
  ].join('\n');

  const html = `<!doctype html><html lang="es"><body style="margin:0;background:#f5f7fb;font-family:Arial,Helvetica,sans-serif;color:#1f2933">
<div style="background:#3366cc;color:#fff;padding:8px 16px;font-weight:bold">GOV.CO</div>
<div style="max-width:600px;margin:0 auto;background:#fff;padding:24px">
<h1 style="color:#004884;font-size:20px;margin-top:0">${escapeHtml(content.subject)}</h1>
<p>${escapeHtml(content.greeting)}</p>
${content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${
  content.action
    ? `<p><a href="${escapeHtml(content.action.url)}" style="display:inline-block;background:#3366cc;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none">${escapeHtml(content.action.label)}</a></p>
<p style="font-size:13px;color:#52606d">Si el botón no funciona, copie este enlace en su navegador:<br>${escapeHtml(content.action.url)}</p>`
    : ''
}
${content.footnote ? `<p style="font-size:13px;color:#52606d">${escapeHtml(content.footnote)}</p>` : ''}
<hr style="border:none;border-top:1px solid #d0d7e2"><p style="font-size:12px;color:#52606d">${escapeHtml(footer)}</p>
</div></body></html>`;

  return { to: content.to, subject: content.subject, text, html };
}
