import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type OidcSimulator, type SimulatedUser, startOidcSimulator } from '../../src/modules/identity/oidc-simulator.ts';

export type TestUser = SimulatedUser;
export type TestOidcProvider = OidcSimulator;

/** Binds a throwaway server to an ephemeral 127.0.0.1 port and frees it: the app needs its own URL before it starts. */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** The OIDC simulator (the app's own, src/modules/identity/oidc-simulator.ts) on a random port, for a test. */
export function startOidcProvider(options: { redirectUris: string[]; users?: TestUser[] }): Promise<TestOidcProvider> {
  return startOidcSimulator(options);
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
