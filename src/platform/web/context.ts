import type { Locale, T } from '../i18n/i18n.ts';

export type InstitutionInfo = {
  id: string;
  name: string;
  shortName: string;
  address: string;
  email: string | null;
  phone: string | null;
  workingHours: { days: string; hours: string }[];
  /** The institution's logo, or null for the flag-coloured crest. */
  logoUrl: string | null;
};

export type NavUser = {
  displayName: string;
  isOfficial: boolean;
  isAdmin: boolean;
  /** The idle timeout (config, the same on every page): the session-timeout warning (session-timeout.js) counts from it. */
  sessionIdleMinutes?: number;
};

/** Everything a page needs to render the shell: language, CSRF token, who is signed in, which institution. */
export type PageContext = {
  t: T;
  locale: Locale;
  csrfToken: string;
  /** Path and query of the current request, for the language switch and "back" links. */
  url: string;
  user: NavUser | null;
  institution: InstitutionInfo | null;
  /** A one-time message shown at the top of the next page (after a redirect). */
  flash: { kind: 'success' | 'info'; text: string } | null;
};
