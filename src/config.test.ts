import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { securityHeaders } from './platform/http/security-headers.ts';

const SECRET = 'a-session-secret-of-at-least-32-characters!';

describe('configuration of the ROeID simulator', () => {
  it('starts it in development when no real provider is configured, on the port after the web port', () => {
    expect(loadConfig({ NODE_ENV: 'development', PORT: '3000', SESSION_SECRET: SECRET }).oidcSimulator).toEqual({ port: 3001 });
    expect(loadConfig({ NODE_ENV: 'development', OIDC_SIMULATOR_PORT: '4455', SESSION_SECRET: SECRET }).oidcSimulator).toEqual({ port: 4455 });
  });

  it('leaves it off when a real provider is configured, when turned off, in tests and in production', () => {
    const real = { OIDC_ISSUER: 'https://roeid.example.ro', OIDC_CLIENT_ID: 'primaria' };
    expect(loadConfig({ NODE_ENV: 'development', ...real, SESSION_SECRET: SECRET }).oidcSimulator).toBeNull();
    expect(loadConfig({ NODE_ENV: 'development', OIDC_SIMULATOR: 'off', SESSION_SECRET: SECRET }).oidcSimulator).toBeNull();
    expect(loadConfig({ NODE_ENV: 'test', SESSION_SECRET: SECRET }).oidcSimulator).toBeNull();
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET }).oidcSimulator).toBeNull();
  });

  it('refuses to start it in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', OIDC_SIMULATOR: 'on', SESSION_SECRET: SECRET })).toThrow(/OIDC_SIMULATOR=on is for development/);
  });
});

describe('the mode and the proxies', () => {
  it('is production unless told otherwise, and then needs a session secret', () => {
    expect(loadConfig({ SESSION_SECRET: SECRET }).env).toBe('production');
    expect(() => loadConfig({})).toThrow(/SESSION_SECRET/);
  });

  it('trusts no forwarding header by default, and only the proxies it is given', () => {
    expect(loadConfig({ SESSION_SECRET: SECRET }).trustProxy).toBe(false);
    expect(loadConfig({ SESSION_SECRET: SECRET, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ SESSION_SECRET: SECRET, TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(() => loadConfig({ SESSION_SECRET: SECRET, TRUST_PROXY: 'true' })).toThrow(/hop/);
  });
});

describe('the map of location questions', () => {
  const csp = (env: Record<string, string>) => {
    const c = loadConfig({ SESSION_SECRET: SECRET, ...env });
    return securityHeaders({ hsts: false, tileSource: c.map?.tileSource })['content-security-policy']!.match(/img-src ([^;]*)/)![1];
  };

  it('uses OpenStreetMap with its attribution by default, and lets images come from that host only', () => {
    expect(loadConfig({ SESSION_SECRET: SECRET }).map).toMatchObject({ tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', attribution: '© OpenStreetMap contributors' });
    expect(csp({})).toBe("'self' data: https://tile.openstreetmap.org");
  });

  it('takes another tile server (a {s} subdomain as a wildcard of that domain only), or none with off', () => {
    expect(csp({ MAP_TILE_URL: 'https://{s}.tiles.example.ro:8443/map/{z}/{x}/{y}.png' })).toBe("'self' data: https://*.tiles.example.ro:8443");
    expect(csp({ MAP_TILE_URL: '/tiles/{z}/{x}/{y}.png' })).toBe("'self' data:");
    expect(loadConfig({ SESSION_SECRET: SECRET, MAP_TILE_URL: 'off' }).map).toBeNull();
    expect(csp({ MAP_TILE_URL: 'off' })).toBe("'self' data:");
  });

  it('opens on all of Romania unless MAP_CENTER says where the city hall is', () => {
    expect(loadConfig({ SESSION_SECRET: SECRET }).map?.center).toEqual({ lat: 45.94, lng: 24.97, zoom: 6 });
    expect(loadConfig({ SESSION_SECRET: SECRET, MAP_CENTER: '44.42, 26.07, 13' }).map?.center).toEqual({ lat: 44.42, lng: 26.07, zoom: 13 });
    expect(() => loadConfig({ SESSION_SECRET: SECRET, MAP_CENTER: '44.42,26.07' })).toThrow(/MAP_CENTER/);
    expect(() => loadConfig({ SESSION_SECRET: SECRET, MAP_CENTER: '44.42,26.07,25' })).toThrow(/MAP_CENTER/);
  });

  it('refuses a tile address that is not a tile template or not http(s)', () => {
    expect(() => loadConfig({ SESSION_SECRET: SECRET, MAP_TILE_URL: 'https://tile.example.ro/map.png' })).toThrow(/MAP_TILE_URL/);
    expect(() => loadConfig({ SESSION_SECRET: SECRET, MAP_TILE_URL: 'javascript:{z}{x}{y}' })).toThrow(/MAP_TILE_URL/);
    expect(() => loadConfig({ SESSION_SECRET: SECRET, MAP_TILE_URL: 'https://tiles.{s}.example.ro/{z}/{x}/{y}.png' })).toThrow(/MAP_TILE_URL/);
  });
});

describe('settings that would fail later, or quietly do something else', () => {
  const base = { SESSION_SECRET: SECRET };
  const refused = (env: Record<string, string>) => {
    try {
      loadConfig({ ...base, ...env });
    } catch (err) {
      return (err as Error).message;
    }
    return 'accepted';
  };

  it('refuses a DATABASE_URL that is not a PostgreSQL address, without repeating it (it holds a password)', () => {
    for (const url of ['not-a-url', 'mysql://u:s3cret@db/x', 'postgres://', '']) {
      const message = refused({ DATABASE_URL: url });
      expect(message).toMatch(/^Invalid configuration: DATABASE_URL must be a PostgreSQL address/);
      expect(message).not.toContain('s3cret');
    }
    expect(loadConfig({ ...base, DATABASE_URL: 'postgresql://u:p@db.local:5432/primaria' }).database).toMatchObject({ kind: 'pg', url: 'postgresql://u:p@db.local:5432/primaria' });
    expect(loadConfig({ ...base, DATABASE_URL: 'postgres:///primaria?host=/run/postgresql' }).database.kind).toBe('pg');
  });

  it('refuses an SMTP_URL that is not smtp:// or smtps://, and one given while MAIL_MODE would send nothing', () => {
    for (const url of ['garbage', 'http://u:s3cret@mail.example.ro', 'smtp://']) {
      const message = refused({ MAIL_MODE: 'smtp', SMTP_URL: url });
      expect(message).toMatch(/^Invalid configuration: SMTP_URL must be smtp:\/\//);
      expect(message).not.toContain('s3cret');
    }
    expect(refused({ SMTP_URL: 'smtp://mail.example.ro:587' })).toMatch(/MAIL_MODE is outbox, so nothing would be sent/);
    expect(loadConfig({ ...base, MAIL_MODE: 'smtp', SMTP_URL: 'smtps://u:p@mail.example.ro:465' }).mail.smtpUrl).toBe('smtps://u:p@mail.example.ro:465');
  });

  it('refuses S3 settings without a bucket, and a key id without its secret (files would go to the local disk or use other credentials)', () => {
    expect(refused({ S3_ENDPOINT: 'http://minio:9000', S3_ACCESS_KEY_ID: 'k', S3_SECRET_ACCESS_KEY: 's' })).toMatch(
      /S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY given without S3_BUCKET/,
    );
    expect(refused({ S3_BUCKET: 'acte', S3_ACCESS_KEY_ID: 'k' })).toMatch(/S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together/);
    expect(refused({ S3_BUCKET: 'acte', S3_SECRET_ACCESS_KEY: 's' })).toMatch(/go together/);
    expect(loadConfig({ ...base, S3_BUCKET: 'acte' }).s3?.bucket).toBe('acte');
  });

  it('refuses half an OpenID Connect provider (the sign-in button would silently be missing)', () => {
    expect(refused({ OIDC_ISSUER: 'https://roeid.example.ro' })).toMatch(/OIDC_ISSUER and OIDC_CLIENT_ID go together/);
    expect(refused({ OIDC_CLIENT_ID: 'primaria' })).toMatch(/go together/);
  });
});

describe('settings read elsewhere before', () => {
  it('takes DEFAULT_INSTITUTION and PG_POOL_MAX from the configuration, and refuses a pool size that is not a number', () => {
    const c = loadConfig({ SESSION_SECRET: SECRET, DATABASE_URL: 'postgres://db.local/primaria', DEFAULT_INSTITUTION: 'dgitl5', PG_POOL_MAX: '8' });
    expect(c.defaultInstitution).toBe('dgitl5');
    expect(c.database).toEqual({ kind: 'pg', url: 'postgres://db.local/primaria', poolMax: 8 });
    expect(loadConfig({ SESSION_SECRET: SECRET, DATABASE_URL: 'postgres://db.local/primaria' }).database).toMatchObject({ poolMax: 20 });
    expect(loadConfig({ SESSION_SECRET: SECRET }).defaultInstitution).toBeNull();
    expect(() => loadConfig({ SESSION_SECRET: SECRET, PG_POOL_MAX: 'douăzeci' })).toThrow(/^Invalid configuration: PG_POOL_MAX/);
  });
});
