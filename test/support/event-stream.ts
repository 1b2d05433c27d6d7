import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { Client } from './harness.ts';

/** A server-sent event stream read as it comes: what arrived so far, waiting for a pattern or for its end. */
export type Stream = { status: number; type: string; location?: string; text(): string; waitFor(pattern: RegExp, ms?: number): Promise<boolean>; close(): void; ended(ms?: number): Promise<boolean> };

/** Opens an event stream as the browser's EventSource would, with the client's cookies; reads it as it comes. */
export function openEventStream(base: string, client: Client | null, path: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const cookie = client ? [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') : '';
    const req = httpRequest(`${base}${path}`, { headers: { accept: 'text/event-stream', cookie } }, (res: IncomingMessage) => {
      let received = '';
      const waiters: (() => void)[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        received += chunk;
        for (const w of waiters.splice(0)) w();
      });
      let ended = false;
      const endWaiters: (() => void)[] = [];
      res.on('end', () => {
        ended = true;
        for (const w of endWaiters.splice(0)) w();
      });
      res.on('error', () => {});
      resolve({
        status: res.statusCode ?? 0,
        type: String(res.headers['content-type'] ?? ''),
        location: res.headers.location,
        text: () => received,
        waitFor: (pattern, ms = 5_000) =>
          new Promise((done) => {
            const deadline = setTimeout(() => done(pattern.test(received)), ms);
            const check = () => {
              if (pattern.test(received)) {
                clearTimeout(deadline);
                done(true);
              } else waiters.push(check);
            };
            check();
          }),
        close: () => req.destroy(),
        ended: (ms = 5_000) =>
          new Promise((done) => {
            if (ended) return done(true);
            const deadline = setTimeout(() => done(false), ms);
            endWaiters.push(() => {
              clearTimeout(deadline);
              done(true);
            });
          }),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

