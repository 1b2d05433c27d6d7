import { type Locale, translate } from '../i18n/i18n.ts';

/**
 * A message template: versioned by name (`identity.verify_email.v1`), written with i18n keys so the
 * Romanian and English texts are checked like every other string.
 */
export type Template = {
  subjectKey: string;
  /** Paragraphs of the email body, as i18n keys; `{param}` placeholders come from the data. */
  bodyKeys: string[];
  /** An optional call to action rendered as a link. */
  action?: { labelKey: string; urlParam: string };
  smsKey?: string;
};

const templates = new Map<string, Template>();

export function registerTemplate(name: string, template: Template): void {
  templates.set(name, template);
}

export function getTemplate(name: string): Template {
  const t = templates.get(name);
  if (!t) throw new Error(`unknown message template ${name}`);
  return t;
}

export function registeredTemplates(): string[] {
  return [...templates.keys()];
}

export type Rendered = { subject: string; text: string; html: string; sms: string | null };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderTemplate(name: string, locale: Locale, data: Record<string, unknown>): Rendered {
  const tpl = getTemplate(name);
  const params = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v == null ? '' : String(v)]));
  const subject = translate(locale, tpl.subjectKey, params);
  const paragraphs = tpl.bodyKeys.map((k) => translate(locale, k, params));
  const actionUrl = tpl.action ? params[tpl.action.urlParam] : undefined;
  const actionLabel = tpl.action ? translate(locale, tpl.action.labelKey, params) : undefined;
  const signature = translate(locale, 'notify.signature', params);
  const text = [...paragraphs, ...(actionUrl ? [`${actionLabel}: ${actionUrl}`] : []), '', signature].join('\n\n');
  const html = `<!DOCTYPE html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c">${paragraphs
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('')}${actionUrl ? `<p><a href="${escapeHtml(actionUrl)}">${escapeHtml(actionLabel ?? actionUrl)}</a></p>` : ''}<p>${escapeHtml(signature)}</p></body></html>`;
  const sms = tpl.smsKey ? translate(locale, tpl.smsKey, params) : null;
  return { subject, text, html, sms };
}
