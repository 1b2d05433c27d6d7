/**
 * Is this error the database being out of reach (down, restarting, refusing connections, the pool closed), rather
 * than a fault in the request or the code? Such a request answers 503 "try again shortly", not 500 "error".
 * Looks through `cause` (drizzle wraps the driver's error).
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
/** SQLSTATE: 08 connection exception; 57P01–57P03 shutdown or not accepting connections; 53300 too many connections; 3D000 no such database. */
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[1-3]|53300|3D000)$/;
const MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|PGlite is closed|Client has encountered a connection error/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATE.test(code))) return true;
    if (typeof message === 'string' && MESSAGES.test(message)) return true;
  }
  return false;
}
