import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The security headers of every response, computed once by helmet from our policy (CSP without inline script,
 * no framing, no referrer to other sites, …). @fastify/helmet would run helmet's whole middleware again on each request;
 * the policy never varies per request here, so its output is taken once and set as a constant.
 */
export function securityHeaders(options: { hsts: boolean; /** The map's tile host (config.map.tileSource), the only other origin of images. */ tileSource?: string | null }): Record<string, string> {
  const policy: HelmetOptions = {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', ...(options.tileSource ? [options.tileSource] : [])],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
    },
    // Our own pages may know where a form came from (a form sent after its session ended goes back to that page,
    // app.ts); no other site learns our addresses, which can carry tokens (password reset, confirmation links).
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: options.hsts,
    crossOriginEmbedderPolicy: false,
  };
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failed: unknown = null;
  helmet(policy)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    failed = err ?? null;
  });
  if (failed) throw failed;
  return headers;
}
