import * as oidc from 'openid-client';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { AppError } from '../../platform/http/errors.ts';
import { clientConfiguration, type OidcSettings } from './oidc-config.ts';

/** Where the flow writes what went wrong (never a token). */
export type OidcLog = { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };

/** What the browser carries between the redirect to the provider and the way back (in a signed, short-lived cookie). */
export const PendingOidcSignIn = z.object({
  verifier: z.string().min(43).max(128),
  state: z.string().min(16).max(200),
  nonce: z.string().min(16).max(200),
  next: z.string().max(500).nullable(),
  /** Started by a signed-in person: the identity is linked to their account (see signInWithOidc `linkTo`). */
  linkTo: z.uuid().nullable().optional(),
});
export type PendingOidcSignIn = z.infer<typeof PendingOidcSignIn>;

/** Only a path on this site: never `//host` or an absolute URL, so the sign-in cannot be turned into an open redirect. */
export function safeNext(next: unknown): string | null {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) && next.length <= 500 ? next : null;
}

/** Starts the authorization code flow with PKCE, state and nonce; returns where to send the browser and what to remember. */
export async function beginOidcSignIn(
  settings: OidcSettings,
  env: Config['env'],
  input: { next: string | null; locale: 'ro' | 'en'; linkTo?: string | null },
): Promise<{ url: string; pending: PendingOidcSignIn }> {
  const config = await clientConfiguration(settings, env);
  const verifier = oidc.randomPKCECodeVerifier();
  const pending: PendingOidcSignIn = { verifier, state: oidc.randomState(), nonce: oidc.randomNonce(), next: safeNext(input.next), linkTo: input.linkTo ?? null };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: settings.redirectUri,
    scope: settings.scope,
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: pending.state,
    nonce: pending.nonce,
    ui_locales: input.locale,
  });
  return { url: url.href, pending };
}

/**
 * Finishes the flow: checks the state, exchanges the code (PKCE verifier, nonce and ID token signature checked by
 * openid-client) and returns the provider's issuer and the claims of the ID token completed by userinfo.
 */
export async function completeOidcSignIn(
  settings: OidcSettings,
  env: Config['env'],
  log: OidcLog,
  input: { currentUrl: URL; pending: PendingOidcSignIn },
): Promise<{ issuer: string; claims: Record<string, unknown> }> {
  const { currentUrl, pending } = input;
  const error = currentUrl.searchParams.get('error');
  if (error) {
    log.info({ oidcError: error.slice(0, 100) }, 'identity provider returned an error');
    throw new AppError(error === 'access_denied' ? 'oidc.denied' : 'oidc.provider_error', 'invalid');
  }
  if (currentUrl.searchParams.get('state') !== pending.state) throw new AppError('oidc.state_mismatch', 'invalid');
  const config = await clientConfiguration(settings, env);
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: pending.verifier,
      expectedState: pending.state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
  } catch (err) {
    // The library's message names the failed check; it carries no token or secret.
    log.warn({ err: { name: (err as Error).name, code: (err as { code?: string }).code, message: (err as Error).message } }, 'oidc code exchange failed');
    throw new AppError('oidc.invalid_response', 'invalid');
  }
  const idClaims = tokens.claims();
  if (!idClaims) throw new AppError('oidc.invalid_response', 'invalid');
  let claims: Record<string, unknown> = { ...idClaims };
  if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
    try {
      const info = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
      // The ID token is signed: where both say something, it wins.
      claims = { ...info, ...idClaims };
    } catch (err) {
      log.warn({ err: { name: (err as Error).name, message: (err as Error).message } }, 'oidc userinfo failed; using the ID token claims only');
    }
  }
  return { issuer: config.serverMetadata().issuer, claims };
}
