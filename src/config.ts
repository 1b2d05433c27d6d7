import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

const Env = z.object({
  /**
   * Production unless said otherwise: the developer tools (/dev outbox with secret links, the demo TOTP code) exist
   * only when NODE_ENV=development (which `npm start` sets) or in tests.
   */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  /**
   * Which reverse proxies may tell the client's address (X-Forwarded-For): off by default (the socket's address),
   * a number of proxy hops (`1`), or their addresses/CIDRs (`10.0.0.0/8,127.0.0.1`). Trusting a header the client
   * writes itself would let anyone change their IP and slip past the per-address limits.
   */
  TRUST_PROXY: z.string().default(''),
  /** Per client address and hour: anonymous requests that cost the institution something (see README). */
  LIMIT_CONTACT_PER_HOUR: z.coerce.number().int().min(1).default(10),
  LIMIT_REGISTRATIONS_PER_HOUR: z.coerce.number().int().min(1).default(20),
  LIMIT_PASSWORD_RESETS_PER_HOUR: z.coerce.number().int().min(1).default(20),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  BASE_URL: z.string().url().optional(),
  DATABASE_URL: z.string().optional(),
  /** Connections each process may hold to PostgreSQL (besides its one listening connection). */
  PG_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(20),
  /** Slug of the institution whose name the pages show; unset, the first top-level one. */
  DEFAULT_INSTITUTION: z.string().trim().optional(),
  DATA_DIR: z.string().default('./data'),
  SESSION_SECRET: z.string().min(32).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `outbox` records every message in the database only (development, tests); `smtp` sends it too. */
  MAIL_MODE: z.enum(['outbox', 'smtp']).default('outbox'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Primăria Digitală <no-reply@primaria.local>'),
  SMS_MODE: z.enum(['simulator', 'http']).default('simulator'),
  SMS_GATEWAY_URL: z.string().url().optional(),
  SMS_GATEWAY_TOKEN: z.string().optional(),
  SMS_SENDER: z.string().default('PRIMARIA'),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default('ROeID'),
  OIDC_SCOPE: z.string().default('openid email profile'),
  /** The ID-token / userinfo claim that carries the CNP, if the provider sends one (ROeID may). */
  OIDC_CNP_CLAIM: z.string().optional(),
  /**
   * A local OpenID provider standing for ROeID (src/modules/identity/oidc-simulator.ts), started by `primaria start`:
   * on by default in development when no OIDC_ISSUER is set; never in production.
   */
  OIDC_SIMULATOR: z.enum(['on', 'off']).optional(),
  OIDC_SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Run pg-boss workers inside the web process (embedded mode); `false` for web-only processes at scale. */
  JOBS_IN_PROCESS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  /** How long a live page's event stream lasts before the browser opens a new one (and the session is checked again). */
  LIVE_STREAM_MINUTES: z.coerce.number().int().min(1).max(60).default(10),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  UPLOAD_LIMIT_MB: z.coerce.number().positive().default(20),
  /** Uploads this process holds in memory at once, across requests; a request over it is asked to retry (503). */
  UPLOAD_MEMORY_MB: z.coerce.number().positive().default(64),
  /** What one account (or, for the public upload forms, one client address) may upload in an hour (see README). */
  UPLOAD_FILES_PER_HOUR: z.coerce.number().int().min(1).default(200),
  UPLOAD_MB_PER_HOUR: z.coerce.number().positive().default(500),
  /** All the files attached to one draft request together. */
  DRAFT_ATTACHMENTS_MB: z.coerce.number().positive().default(200),
  /** An S3-compatible object store for blobs (AWS S3, MinIO, Ceph…); the local disk when S3_BUCKET is unset. */
  S3_BUCKET: z.string().optional(),
  S3_ENDPOINT: z.string().url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  /** A clamd daemon that scans every upload (INSTREAM over TCP); no scan when CLAMD_HOST is unset. */
  CLAMD_HOST: z.string().optional(),
  CLAMD_PORT: z.coerce.number().int().min(1).max(65535).default(3310),
  /**
   * The tiles of the optional map above a location question's coordinates (Leaflet's `{z}/{x}/{y}` template, `{s}`
   * for a subdomain), or `off` for no map. Only this host is added to the CSP's img-src. The default is
   * OpenStreetMap's standard server: fine for a small city hall, its tile usage policy asks a busy site for its own.
   */
  MAP_TILE_URL: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  /** Shown in the map's corner as text (the tile provider's licence asks for it), linking to MAP_ATTRIBUTION_URL. */
  MAP_ATTRIBUTION: z.string().default('© OpenStreetMap contributors'),
  MAP_ATTRIBUTION_URL: z.string().default('https://www.openstreetmap.org/copyright'),
  /** Where the map opens when the question has no answer yet: `lat,lng,zoom` (the city hall's area; all of Romania by default). */
  MAP_CENTER: z
    .string()
    .default('45.94,24.97,6')
    .transform((v, ctx) => {
      const [lat, lng, zoom] = v.split(',').map((p) => Number(p.trim()));
      if (v.split(',').length !== 3 || !(Math.abs(lat!) <= 90 && Math.abs(lng!) <= 180 && Number.isInteger(zoom) && zoom! >= 1 && zoom! <= 19)) {
        ctx.addIssue({ code: 'custom', message: 'MAP_CENTER is latitude,longitude,zoom (1–19), e.g. 44.42,26.07,13' });
        return z.NEVER;
      }
      return { lat: lat!, lng: lng!, zoom: zoom! };
    }),
});

export type MapConfig = {
  tileUrl: string;
  attribution: string;
  attributionUrl: string | null;
  /** Where the map opens before anything is chosen. */
  center: { lat: number; lng: number; zoom: number };
  /** What the CSP's img-src must allow for the tiles: their origin (`*.` for `{s}`), or null when they are ours. */
  tileSource: string | null;
};

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  baseUrl: string;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'pg'; url: string; poolMax: number };
  /** The institution whose name the pages and e-mails show (its slug), else the first top-level one. */
  defaultInstitution: string | null;
  dataDir: string;
  sessionSecret: string;
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
  mail: { mode: 'outbox' | 'smtp'; smtpUrl?: string; from: string };
  sms: { mode: 'simulator' | 'http'; gatewayUrl?: string; token?: string; sender: string };
  oidc?: { issuer: string; clientId: string; clientSecret?: string; name: string; scope: string; cnpClaim: string | null };
  /** Start the ROeID simulator on this port (development only). */
  oidcSimulator: { port: number } | null;
  jobsInProcess: boolean;
  session: { idleMinutes: number; absoluteHours: number };
  /** A live page's event stream ends after this long; the reconnect goes through the session's checks again. */
  liveStreamMs: number;
  uploadLimitBytes: number;
  uploadMemoryBytes: number;
  /** Uploads an account (or an anonymous client address) may make in an hour; the files of one draft together. */
  uploadQuota: { filesPerHour: number; bytesPerHour: number; draftBytes: number };
  s3?: { bucket: string; endpoint?: string; region: string; accessKeyId?: string; secretAccessKey?: string; forcePathStyle: boolean };
  clamd?: { host: string; port: number };
  /** The optional map of location questions (progressive enhancement), null when MAP_TILE_URL=off. */
  map: MapConfig | null;
  /** Secure cookies only when served over https. */
  secureCookies: boolean;
  /** Per client address and hour. */
  limits: { contactPerHour: number; registrationsPerHour: number; passwordResetsPerHour: number };
  /** Fastify's trustProxy: false, a hop count or a list of trusted proxy addresses. */
  trustProxy: boolean | number | string[];
};

/** Reads the process environment into a typed configuration with embedded defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${issues}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DATA_DIR);
  const baseUrl = (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  if (e.NODE_ENV === 'production' && e.OIDC_SIMULATOR === 'on') {
    throw new Error('Invalid configuration: OIDC_SIMULATOR=on is for development; configure the real provider with OIDC_ISSUER');
  }
  if (e.NODE_ENV === 'production' && !e.SESSION_SECRET) {
    throw new Error('Invalid configuration: SESSION_SECRET (at least 32 characters) is required in production');
  }
  if (e.MAIL_MODE === 'smtp' && !e.SMTP_URL) throw new Error('Invalid configuration: MAIL_MODE=smtp needs SMTP_URL');
  // Each of these would otherwise surface later, far from its cause: a DNS error naming part of the address at the
  // first query, e-mails failing one by one in the workers, files or sign-ins quietly going elsewhere. The messages
  // never repeat a value: these addresses carry passwords.
  if (e.DATABASE_URL !== undefined && !hasHost(e.DATABASE_URL, ['postgres:', 'postgresql:'], true)) {
    throw new Error('Invalid configuration: DATABASE_URL must be a PostgreSQL address, postgres://user:password@host:5432/database (unset for the embedded database)');
  }
  if (e.SMTP_URL !== undefined && !hasHost(e.SMTP_URL, ['smtp:', 'smtps:'])) {
    throw new Error('Invalid configuration: SMTP_URL must be smtp://user:password@host:587 or smtps://user:password@host:465');
  }
  if (e.SMTP_URL && e.MAIL_MODE !== 'smtp') {
    throw new Error('Invalid configuration: SMTP_URL is set but MAIL_MODE is outbox, so nothing would be sent: set MAIL_MODE=smtp (or unset SMTP_URL)');
  }
  const s3Settings = (['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((k) => e[k] !== undefined);
  if (!e.S3_BUCKET && s3Settings.length > 0) {
    throw new Error(`Invalid configuration: ${s3Settings.join(', ')} given without S3_BUCKET: set S3_BUCKET, or unset them to keep files on the local disk`);
  }
  if (!e.S3_ACCESS_KEY_ID !== !e.S3_SECRET_ACCESS_KEY) {
    throw new Error('Invalid configuration: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together (or neither, for the SDK\'s own credentials)');
  }
  if (!e.OIDC_ISSUER !== !e.OIDC_CLIENT_ID) {
    throw new Error('Invalid configuration: OIDC_ISSUER and OIDC_CLIENT_ID go together (or neither, for no OpenID Connect sign-in)');
  }
  if (e.SMS_MODE === 'http' && !e.SMS_GATEWAY_URL) {
    throw new Error('Invalid configuration: SMS_MODE=http needs SMS_GATEWAY_URL');
  }
  const config: Config = {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    baseUrl,
    database: e.DATABASE_URL
      ? { kind: 'pg', url: e.DATABASE_URL, poolMax: e.PG_POOL_MAX }
      : { kind: 'pglite', dataDir: join(dataDir, 'pglite') },
    defaultInstitution: e.DEFAULT_INSTITUTION || null,
    dataDir,
    sessionSecret: e.SESSION_SECRET ?? embeddedSecret(dataDir),
    logLevel: e.LOG_LEVEL,
    mail: { mode: e.MAIL_MODE, smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    sms: { mode: e.SMS_MODE, gatewayUrl: e.SMS_GATEWAY_URL, token: e.SMS_GATEWAY_TOKEN, sender: e.SMS_SENDER },
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            name: e.OIDC_NAME,
            scope: e.OIDC_SCOPE,
            cnpClaim: e.OIDC_CNP_CLAIM?.trim() || null,
          }
        : undefined,
    oidcSimulator:
      (e.OIDC_SIMULATOR ?? (e.NODE_ENV === 'development' && !e.OIDC_ISSUER ? 'on' : 'off')) === 'on' ? { port: e.OIDC_SIMULATOR_PORT ?? e.PORT + 1 } : null,
    jobsInProcess: e.JOBS_IN_PROCESS,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    liveStreamMs: e.LIVE_STREAM_MINUTES * 60_000,
    uploadLimitBytes: Math.round(e.UPLOAD_LIMIT_MB * 1024 * 1024),
    uploadMemoryBytes: Math.round(e.UPLOAD_MEMORY_MB * 1024 * 1024),
    uploadQuota: {
      filesPerHour: e.UPLOAD_FILES_PER_HOUR,
      bytesPerHour: Math.round(e.UPLOAD_MB_PER_HOUR * 1024 * 1024),
      draftBytes: Math.round(e.DRAFT_ATTACHMENTS_MB * 1024 * 1024),
    },
    s3: e.S3_BUCKET
      ? {
          bucket: e.S3_BUCKET,
          endpoint: e.S3_ENDPOINT,
          region: e.S3_REGION,
          accessKeyId: e.S3_ACCESS_KEY_ID,
          secretAccessKey: e.S3_SECRET_ACCESS_KEY,
          forcePathStyle: e.S3_FORCE_PATH_STYLE,
        }
      : undefined,
    clamd: e.CLAMD_HOST ? { host: e.CLAMD_HOST, port: e.CLAMD_PORT } : undefined,
    map: parseMap(e.MAP_TILE_URL, e.MAP_ATTRIBUTION, e.MAP_ATTRIBUTION_URL, e.MAP_CENTER),
    secureCookies: baseUrl.startsWith('https://'),
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    limits: { contactPerHour: e.LIMIT_CONTACT_PER_HOUR, registrationsPerHour: e.LIMIT_REGISTRATIONS_PER_HOUR, passwordResetsPerHour: e.LIMIT_PASSWORD_RESETS_PER_HOUR },
  };
  return { ...config, ...overrides };
}

/** An address of one of these protocols that names a host, or a socket directory (`?host=/run/postgresql`) where allowed. */
function hasHost(value: string, protocols: string[], socketAllowed = false): boolean {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && (url.hostname !== '' || (socketAllowed && url.searchParams.get('host')?.startsWith('/') === true));
  } catch {
    return false;
  }
}

/** The embedded mode keeps a generated secret beside its data so sessions survive restarts. */
function embeddedSecret(dataDir: string): string {
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function parseTrustProxy(value: string): boolean | number | string[] {
  const v = value.trim();
  if (v === '' || v === 'false' || v === 'off') return false;
  if (/^\d+$/.test(v)) return Number(v);
  if (v === 'true') throw new Error('Invalid configuration: TRUST_PROXY=true would believe any client; give the number of proxy hops or their addresses');
  return v.split(',').map((a) => a.trim()).filter(Boolean);
}

function parseMap(tileUrl: string, attribution: string, attributionUrl: string, center: MapConfig['center']): MapConfig | null {
  const url = tileUrl.trim();
  if (url === 'off' || url === '') return null;
  const bad = (why: string) => new Error(`Invalid configuration: MAP_TILE_URL ${why} (or MAP_TILE_URL=off for no map)`);
  if (!['{z}', '{x}', '{y}'].every((p) => url.includes(p))) throw bad('must hold {z}, {x} and {y}');
  if (url.startsWith('/') && !url.startsWith('//')) return { tileUrl: url, attribution: attribution.trim(), attributionUrl: attributionUrl.trim() || null, center, tileSource: null };
  let parsed: URL;
  try {
    parsed = new URL(url.replaceAll('{s}', 'subdomain-placeholder'));
  } catch {
    throw bad('must be an http(s) address or a path of this site');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw bad('must be an http(s) address or a path of this site');
  if (parsed.username || parsed.password) throw bad('must not hold a user name or password');
  const tileSource = parsed.origin.replace('subdomain-placeholder', '*');
  if (/[{}%]/.test(tileSource) || (tileSource.includes('*') && !/^https?:\/\/\*\./.test(tileSource))) throw bad('may use {s} only as the first part of the host');
  return { tileUrl: url, attribution: attribution.trim(), attributionUrl: attributionUrl.trim() || null, center, tileSource };
}
