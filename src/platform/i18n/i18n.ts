export const LOCALES = ['ro', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type Messages = Readonly<Record<string, string>>;

/** A module's messages: English must have exactly the Romanian keys (checked by the type and by a test). */
export type Bundle<K extends string = string> = { ro: Record<K, string>; en: Record<K, string> };

export function defineMessages<const R extends Record<string, string>>(ro: R, en: Record<keyof R, string>): Bundle<
  Extract<keyof R, string>
> {
  return { ro, en } as Bundle<Extract<keyof R, string>>;
}

const catalog: Record<Locale, Record<string, string>> = { ro: {}, en: {} };
const bundles: { name: string; bundle: Bundle }[] = [];

export function registerMessages(name: string, bundle: Bundle): void {
  bundles.push({ name, bundle });
  for (const locale of LOCALES) {
    for (const [k, v] of Object.entries(bundle[locale])) {
      if (k in catalog[locale] && catalog[locale][k] !== v) throw new Error(`i18n key ${k} defined twice (${name})`);
      catalog[locale][k] = v;
    }
  }
}

export function registeredBundles(): readonly { name: string; bundle: Bundle }[] {
  return bundles;
}

export function hasMessage(key: string, locale: Locale = 'ro'): boolean {
  return key in catalog[locale];
}

export type Params = Record<string, string | number | undefined | null>;

/**
 * A placeholder in a message: `{name}` is replaced by the value; `{name|plural.key}` by the plural form of
 * `plural.key` for the value as a count ("{days|common.days}" → "o zi", "15 zile", "20 de zile"), in the message's language.
 * A value said in each language is given as `name` (Romanian) and `name_en`: each message takes its own language's
 * (an error naming a workflow step, whose name the institution wrote in both).
 */
export const PLACEHOLDER = /\{(\w+)(?:\|([\w.]+))?\}/g;

/** Translates a key; placeholders (`PLACEHOLDER`) are replaced. A missing key shows itself, so tests can find it. */
export function translate(locale: Locale, key: string, params?: Params): string {
  const template = catalog[locale][key] ?? catalog.ro[key] ?? key;
  if (!params) return template;
  return template.replace(PLACEHOLDER, (m, name: string, plural: string | undefined) => {
    const v = params[`${name}_${locale}`] ?? params[name];
    if (v === undefined || v === null) return m;
    if (plural && v !== '' && Number.isFinite(Number(v))) return translatePlural(locale, plural, Number(v));
    return String(v);
  });
}

const pluralRules: Record<Locale, Intl.PluralRules> = {
  ro: new Intl.PluralRules('ro'),
  en: new Intl.PluralRules('en'),
};

/** Plural forms live under `key.one`, `key.few` (Romanian), `key.other`. */
export function translatePlural(locale: Locale, key: string, count: number, params?: Params): string {
  const form = pluralRules[locale].select(count);
  const k = hasMessage(`${key}.${form}`, locale) ? `${key}.${form}` : `${key}.other`;
  return translate(locale, k, { count, ...params });
}

export type T = ((key: string, params?: Params) => string) & {
  locale: Locale;
  plural: (key: string, count: number, params?: Params) => string;
};

/**
 * Who reads the messages: a person on a page, or an app calling the API. A message written for a page ("reload the
 * page", "tick the box") has its app's wording under the same key + API_VARIANT ("read the case again and retry",
 * "send confirmTwin: true"), which an API call's translator uses instead; every other message is the same for both.
 */
export type Audience = 'page' | 'api';
export const API_VARIANT = '.api';

/** The translator of a request: an API call (its path under /api/) is answered in an app's wording. */
export const requestTranslator = (locale: Locale, url: string): T => translator(locale, url.startsWith('/api/') ? 'api' : 'page');

export function translator(locale: Locale, audience: Audience = 'page'): T {
  const variant = (key: string) => (audience === 'api' && hasMessage(key + API_VARIANT, locale) ? key + API_VARIANT : key);
  const fn = ((key: string, params?: Params) => translate(locale, variant(key), params)) as T;
  fn.locale = locale;
  fn.plural = (key, count, params) => translatePlural(locale, key, count, params);
  return fn;
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** Picks the locale from an explicit choice, else the Accept-Language header, else Romanian. */
export function negotiateLocale(choice: unknown, acceptLanguage: string | undefined): Locale {
  if (isLocale(choice)) return choice;
  return acceptedLocale(acceptLanguage) ?? 'ro';
}

/** The first of our languages an Accept-Language header names, if it names one. */
export function acceptedLocale(acceptLanguage: string | undefined): Locale | null {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (isLocale(tag)) return tag;
  }
  return null;
}
