import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// oidc-provider ships no type declarations; the few calls below are typed by hand.
// @ts-expect-error no types for oidc-provider
import Provider from 'oidc-provider';

/** What the test provider says about a person: standard claims plus any extra (e.g. a CNP claim). */
export type TestUser = {
  sub: string;
  email?: string;
  email_verified?: boolean;
  given_name?: string;
  family_name?: string;
  [claim: string]: unknown;
};

export type TestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Adds or replaces a user; the development login form takes the `sub` as login, with any password. */
  setUser(user: TestUser): void;
  stop(): Promise<void>;
};

/** Binds a throwaway server to an ephemeral 127.0.0.1 port and frees it: the app needs its own URL before it starts. */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/**
 * A real OpenID Provider (panva's oidc-provider) on a random 127.0.0.1 port, with one confidential client and
 * its development interactions (an HTML login form and a consent form that a test can POST).
 * Standard claims go to the userinfo endpoint (conformIdTokenClaims), as most real providers do.
 */
export async function startOidcProvider(options: { redirectUris: string[]; users?: TestUser[] }): Promise<TestOidcProvider> {
  const users = new Map<string, TestUser>((options.users ?? []).map((u) => [u.sub, u]));
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'primaria-test';
  const clientSecret = randomBytes(24).toString('base64url');
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'test', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['given_name', 'family_name', 'name'],
      cnp: ['cnp'],
    },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx: unknown, id: string) {
      const user = users.get(id);
      if (!user) return undefined;
      return { accountId: user.sub, claims: async () => ({ ...user }) };
    },
  });
  // A 500 from the provider would otherwise only show as a status in the failing test.
  provider.on('server_error', (_ctx: unknown, err: Error) => console.error('oidc-provider server_error', err));
  server.on('request', provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    setUser(user) {
      users.set(user.sub, user);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A cookie jar per origin (host:port) for driving two parties over real HTTP with fetch. */
export class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  header(url: string): string {
    const jar = this.byOrigin.get(new URL(url).host);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }

  get(url: string, name: string): string | undefined {
    return this.byOrigin.get(new URL(url).host)?.get(name);
  }

  set(url: string, name: string, value: string): void {
    const host = new URL(url).host;
    if (!this.byOrigin.has(host)) this.byOrigin.set(host, new Map());
    this.byOrigin.get(host)!.set(name, value);
  }

  absorb(url: string, res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a.trim()));
      const host = new URL(url).host;
      if (!this.byOrigin.has(host)) this.byOrigin.set(host, new Map());
      if (expired || value === '') this.byOrigin.get(host)!.delete(name);
      else this.byOrigin.get(host)!.set(name, value);
    }
  }

  /** A request that keeps cookies and does not follow redirects. */
  async fetch(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response & { text_: string }> {
    const res = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      redirect: 'manual',
      headers: {
        cookie: this.header(url),
        ...(init.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    this.absorb(url, res);
    const text_ = await res.text();
    return Object.assign(res, { text_ });
  }
}

/** The hidden inputs and action of the first form in an HTML page (the provider's interaction pages). */
export function readForm(html: string, baseUrl: string): { action: string; fields: Record<string, string> } | null {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return null;
  const fields: Record<string, string> = {};
  for (const m of form[2]!.matchAll(/<input[^>]*type="hidden"[^>]*>/gi)) {
    const name = /name="([^"]+)"/.exec(m[0])?.[1];
    const value = /value="([^"]*)"/.exec(m[0])?.[1] ?? '';
    if (name) fields[name] = value;
  }
  return { action: new URL(form[1]!.replace(/&amp;/g, '&'), baseUrl).toString(), fields };
}
