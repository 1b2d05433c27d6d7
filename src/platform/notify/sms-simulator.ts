import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/*
 * The SMS gateway protocol our HTTP client speaks, and a local simulator of it (tests, development).
 *
 *   POST {gatewayUrl}/messages
 *   Authorization: Bearer <token>            (when the gateway has a token)
 *   Content-Type: application/json
 *   {"to": "+40722123456", "text": "…", "sender": "PRIMARIA"}
 *
 *   202 {"id": "<gateway message id>"}        accepted for delivery
 *   400 malformed JSON · 401 bad token · 422 invalid to/text/sender   permanent: do not retry
 *   408, 429, 5xx, timeouts                   transient: retry later
 *
 *   GET {gatewayUrl}/messages → 200 [{id, to, text, sender, receivedAt}]   (simulator only)
 */

export type SimulatedSms = { id: string; to: string; text: string; sender: string; receivedAt: Date };

export interface SmsSimulator {
  /** Base URL to configure as SMS_GATEWAY_URL. */
  readonly url: string;
  /** Messages accepted so far, oldest first. */
  readonly messages: SimulatedSms[];
  /** Answers the next `count` sends with `status` (503 by default) instead of accepting them. */
  failNext(count: number, status?: number): void;
  /** How many send requests arrived, accepted or not. */
  readonly requests: number;
  stop(): Promise<void>;
}

const MAX_BODY = 64 * 1024;

export async function startSmsSimulator(
  options: { host?: string; port?: number; token?: string | null; unref?: boolean } = {},
): Promise<SmsSimulator> {
  const messages: SimulatedSms[] = [];
  let failures: { count: number; status: number } = { count: 0, status: 503 };
  let requests = 0;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };

  async function readBody(req: IncomingMessage): Promise<string | null> {
    let size = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY) return null;
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/\/$/, '');
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) return send(res, 401, { error: 'unauthorized' });
    if (path === '/messages' && req.method === 'GET') return send(res, 200, messages);
    if (path !== '/messages' || req.method !== 'POST') return send(res, 404, { error: 'not_found' });
    requests++;
    const raw = await readBody(req);
    if (raw === null) return send(res, 413, { error: 'too_large' });
    if (failures.count > 0) {
      failures = { ...failures, count: failures.count - 1 };
      return send(res, failures.status, { error: 'simulated_failure' });
    }
    let body: { to?: unknown; text?: unknown; sender?: unknown };
    try {
      body = JSON.parse(raw);
    } catch {
      return send(res, 400, { error: 'malformed_json' });
    }
    const { to, text, sender } = body ?? {};
    if (typeof to !== 'string' || !/^\+[1-9]\d{7,14}$/.test(to)) return send(res, 422, { error: 'invalid_to' });
    if (typeof text !== 'string' || text.length === 0 || text.length > 1600) return send(res, 422, { error: 'invalid_text' });
    if (typeof sender !== 'string' || !/^([A-Za-z0-9 ]{1,11}|\+?\d{3,15})$/.test(sender)) return send(res, 422, { error: 'invalid_sender' });
    const id = randomUUID();
    messages.push({ id, to, text, sender, receivedAt: new Date() });
    return send(res, 202, { id });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  if (options.unref) server.unref();
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    messages,
    get requests() {
      return requests;
    },
    failNext(count, status = 503) {
      failures = { count, status };
    },
    stop() {
      return new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
