import { readFileSync } from 'node:fs';
import type { App } from '../../app.ts';
import { LOCALES, registerMessages } from '../../platform/i18n/i18n.ts';
import { sessionTimeoutMessages } from './session-timeout-messages.ts';

/** What app.js loads on a signed-in page (its <body data-pd-session-idle-minutes>). */
export const SESSION_TIMEOUT_SCRIPT = '/assets/session-timeout.js';
const PREFIX = 'identity.timeout.';

/**
 * The session-timeout warning's script, with its words in both languages put in by the server (a script of this
 * site, as the CSP's `script-src 'self'` wants, not a per-page inline one): built once at start.
 */
export function registerSessionTimeoutScript(app: App): void {
  registerMessages('identity-timeout', sessionTimeoutMessages);
  const words = Object.fromEntries(
    LOCALES.map((locale) => [locale, Object.fromEntries(Object.entries(sessionTimeoutMessages[locale]).map(([key, text]) => [key.slice(PREFIX.length), text]))]),
  );
  const source = readFileSync(new URL('./assets/session-timeout.js', import.meta.url), 'utf8');
  if (!source.includes('/* messages */ {}')) throw new Error('session-timeout.js: the messages line is missing');
  const body = source.replace('/* messages */ {}', JSON.stringify(words));
  app.get(SESSION_TIMEOUT_SCRIPT, { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(body),
  );
}
