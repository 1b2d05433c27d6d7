import * as oidc from 'openid-client';
import type { Config } from '../../config.ts';

export const OIDC_CALLBACK_PATH = '/autentificare/oidc/callback';

export type OidcSettings = NonNullable<Config['oidc']> & { redirectUri: string };

/** The provider's settings, or null when sign-in with an identity provider is not configured. */
export function oidcSettings(config: Config): OidcSettings | null {
  if (!config.oidc) return null;
  return { ...config.oidc, redirectUri: `${config.baseUrl}${OIDC_CALLBACK_PATH}` };
}

const discovered = new Map<string, Promise<oidc.Configuration>>();

/**
 * The provider's metadata and keys, discovered once per process and issuer. A failed discovery is forgotten,
 * so the next sign-in tries again when the provider is back.
 */
export function clientConfiguration(settings: OidcSettings, env: Config['env']): Promise<oidc.Configuration> {
  const key = `${settings.issuer}|${settings.clientId}`;
  let pending = discovered.get(key);
  if (!pending) {
    // Plain http only for a provider on this machine outside production (the test and development simulators).
    const local = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(settings.issuer);
    pending = oidc
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        execute: local && env !== 'production' ? [oidc.allowInsecureRequests] : [],
        timeout: 10,
      })
      .catch((err: unknown) => {
        discovered.delete(key);
        throw err;
      });
    discovered.set(key, pending);
  }
  return pending;
}
