import { hasMessage, type Locale, PLACEHOLDER, translate } from '../i18n/i18n.ts';

/**
 * A message template: versioned by name (`identity.verify_email.v1`), written with i18n keys so the
 * Romanian and English texts are checked like every other string. A changed text that changes meaning
 * gets a new version (`.v2`); messages already in the outbox keep the name they were rendered with.
 */
export type Template = {
  subjectKey: string;
  /** Paragraphs of the email body, as i18n keys; `{param}` placeholders come from the data. */
  bodyKeys: string[];
  /** An optional call to action rendered as a link. */
  action?: { labelKey: string; urlParam: string };
  smsKey?: string;
};

/** `area.name.v1`: lower-case dotted segments ending in a version. */
export const TEMPLATE_NAME = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+\.v[1-9][0-9]*$/;

/** The key every message ends with (defined by the outbox module's messages). */
export const SIGNATURE_KEY = 'notify.signature';

const templates = new Map<string, Template>();

export function registerTemplate(name: string, template: Template): void {
  if (!TEMPLATE_NAME.test(name)) throw new Error(`message template name ${name} must look like area.name.v1`);
  templates.set(name, template);
}

export function getTemplate(name: string): Template {
  const t = templates.get(name);
  if (!t) throw new Error(`unknown message template ${name}`);
  return t;
}

export function registeredTemplates(): string[] {
  return [...templates.keys()].sort();
}

/** Every i18n key a template uses, the signature included. */
export function templateKeys(template: Template): string[] {
  return [
    template.subjectKey,
    ...template.bodyKeys,
    ...(template.action ? [template.action.labelKey] : []),
    ...(template.smsKey ? [template.smsKey] : []),
    SIGNATURE_KEY,
  ];
}

/** Keys of the template missing in a locale (rendering would fall back to Romanian or show the raw key). */
export function missingTemplateKeys(name: string, locale: Locale): string[] {
  return templateKeys(getTemplate(name)).filter((k) => !hasMessage(k, locale));
}

export type Rendered = { subject: string; text: string; html: string; sms: string | null };
export type RenderOptions = { institutionName?: string | null };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const isWebUrl = (s: string | undefined): s is string => !!s && /^https?:\/\/[^\s]+$/i.test(s);

/** GOV.UK Notify-like colours; inline styles because mail clients drop style sheets. */
const STYLE = {
  body: 'margin:0;padding:0;background:#f3f2f1',
  card: 'max-width:600px;margin:0 auto;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:19px;line-height:1.5;color:#0b0c0c',
  header: 'background:#002b7f;color:#ffffff;padding:16px 24px;font-size:20px;font-weight:bold',
  main: 'padding:8px 24px 16px',
  h1: 'font-size:27px;line-height:1.2;margin:16px 0',
  p: 'margin:0 0 16px',
  link: 'color:#1d70b8;text-decoration:underline',
  small: 'margin:0 0 16px;font-size:16px;color:#505a5f;word-break:break-all',
  footer: 'padding:16px 24px;border-top:1px solid #b1b4b6;font-size:16px;color:#505a5f',
};

/**
 * Renders a template in one language: subject, plain text, an accessible HTML alternative (language set,
 * one heading, a real link with its address repeated as text) and the SMS text when the template has one.
 */
export function renderTemplate(name: string, locale: Locale, data: Record<string, unknown>, options: RenderOptions = {}): Rendered {
  const tpl = getTemplate(name);
  const params = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v == null ? '' : String(v)]));
  const institution = options.institutionName || translate(locale, 'app.name');
  const subject = translate(locale, tpl.subjectKey, params);
  const paragraphs = tpl.bodyKeys.map((k) => translate(locale, k, params));
  const actionUrl = tpl.action ? params[tpl.action.urlParam] : undefined;
  const actionLabel = tpl.action ? translate(locale, tpl.action.labelKey, params) : undefined;
  const signature = translate(locale, SIGNATURE_KEY, params);

  const text = [institution, ...paragraphs, ...(actionUrl ? [`${actionLabel}: ${actionUrl}`] : []), `-- \n${signature}`].join('\n\n');

  const para = (p: string) => `<p style="${STYLE.p}">${escapeHtml(p).replace(/\n/g, '<br>')}</p>`;
  const action = !actionUrl
    ? ''
    : isWebUrl(actionUrl)
      ? `<p style="${STYLE.p}"><a href="${escapeHtml(actionUrl)}" style="${STYLE.link}">${escapeHtml(actionLabel ?? actionUrl)}</a></p><p style="${STYLE.small}">${escapeHtml(actionUrl)}</p>`
      : para(`${actionLabel}: ${actionUrl}`);
  const html = [
    '<!DOCTYPE html>',
    `<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(subject)}</title></head>`,
    `<body style="${STYLE.body}"><div lang="${locale}" style="${STYLE.card}">`,
    `<div style="${STYLE.header}">${escapeHtml(institution)}</div>`,
    `<div style="${STYLE.main}"><h1 style="${STYLE.h1}">${escapeHtml(subject)}</h1>${paragraphs.map(para).join('')}${action}</div>`,
    `<div style="${STYLE.footer}">${escapeHtml(signature)}</div>`,
    '</div></body></html>',
  ].join('');
  const sms = tpl.smsKey ? translate(locale, tpl.smsKey, params) : null;
  return { subject, text, html, sms };
}

/**
 * What is wrong with a template in one language: keys without a text in that language, placeholders left
 * unreplaced when rendered with every parameter the Romanian text names, raw keys showing. Empty when fine.
 */
export function templateProblems(name: string, locale: Locale): string[] {
  const tpl = getTemplate(name);
  const problems = missingTemplateKeys(name, locale).map((k) => `missing ${locale} text for ${k}`);
  const data: Record<string, string> = {};
  for (const key of templateKeys(tpl)) {
    for (const m of translate('ro', key).matchAll(PLACEHOLDER)) data[m[1]!] = m[2] ? '3' : `«${m[1]}»`;
  }
  if (tpl.action) data[tpl.action.urlParam] = 'https://primarie.example/link';
  const rendered = renderTemplate(name, locale, data, { institutionName: 'Primăria Exemplu' });
  for (const [part, value] of Object.entries(rendered)) {
    if (value === null) continue;
    for (const m of value.matchAll(PLACEHOLDER)) problems.push(`${part}: placeholder ${m[0]} not replaced`);
    for (const key of templateKeys(tpl)) if (value.includes(key)) problems.push(`${part}: raw key ${key} shown`);
  }
  return problems;
}
