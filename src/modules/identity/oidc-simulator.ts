import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the simulated provider says about a person: standard claims plus any extra (the CNP claim of ROeID). */
export type SimulatedUser = {
  sub: string;
  email?: string;
  email_verified?: boolean;
  given_name?: string;
  family_name?: string;
  [claim: string]: unknown;
};

export type OidcSimulator = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Adds or replaces a person; the provider's sign-in form takes the `sub` as login, with any password. */
  setUser(user: SimulatedUser): void;
  stop(): Promise<void>;
};

/**
 * A real OpenID Provider (panva's oidc-provider) on 127.0.0.1, with one confidential client and its development
 * interactions (an HTML sign-in form and a consent form): it stands for ROeID or an eIDAS node in development and
 * in tests, speaking the same protocol the app's openid-client speaks to the real one. Standard claims go to the
 * userinfo endpoint (conformIdTokenClaims), as most real providers do. oidc-provider is a development dependency:
 * it is loaded only when a simulator is started.
 */
export async function startOidcSimulator(options: {
  redirectUris: string[];
  users?: SimulatedUser[];
  /** 0 (default): any free port. */
  port?: number;
  clientId?: string;
  onError?: (err: Error) => void;
}): Promise<OidcSimulator> {
  // @ts-expect-error oidc-provider ships no type declarations; the few calls below are typed by hand.
  const { default: Provider } = await import('oidc-provider');
  const users = new Map<string, SimulatedUser>((options.users ?? []).map((u) => [u.sub, u]));
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = options.clientId ?? 'primaria-test';
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
    jwks: { keys: [{ ...signingKey, kid: 'simulator', use: 'sig', alg: 'RS256' }] },
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
  // A 500 from the provider would otherwise only show as a status on the page.
  provider.on('server_error', (_ctx: unknown, err: Error) => (options.onError ?? ((e) => console.error('oidc simulator server_error', e)))(err));
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
