import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Client, openTestDatabase, testConfig } from '../../../test/support/harness.ts';
import { forgetDefaultInstitution } from '../../modules/organisation/load-default-institution.ts';
import { createRuntime } from '../../runtime.ts';

/*
 * request.log makes its pino child only when a request logs (request-logger.ts): what an operator reads must not
 * change — every line a request writes names that request's id, and the app's own lines stay as they were.
 */
describe('request logs', () => {
  it("carry the request's id on every line a request writes, with the message and the error", async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const { database } = await openTestDatabase();
    const runtime = await createRuntime(testConfig(), { database, log: pino({ level: 'info' }, sink), workers: false, migrate: false });
    await runtime.app.ready();
    const c = new Client(runtime);
    try {
      // A refused request (401) logs at info, a page of a service that is fine logs nothing.
      expect((await c.request('GET', '/servicii', undefined, { 'x-request-id': 'quiet-request-0001' })).status).toBe(200);
      expect((await c.request('GET', '/api/v1/me/cases', undefined, { 'x-request-id': 'refused-request-0001', accept: 'application/json' })).status).toBe(401);
      await database.close();
      forgetDefaultInstitution();
      const ready = await c.request('GET', '/ready', undefined, { 'x-request-id': 'ready-request-0001' });
      expect(ready.status).toBe(503);
    } finally {
      await runtime.close().catch(() => {});
    }
    const of = (id: string) => lines.filter((l) => l.requestId === id);
    expect(of('quiet-request-0001')).toEqual([]);
    expect(of('refused-request-0001')).toEqual([expect.objectContaining({ level: 30, msg: 'request refused', status: 401 })]);
    expect(of('ready-request-0001')).toEqual([expect.objectContaining({ level: 40, msg: 'database not reachable', err: expect.objectContaining({ message: expect.any(String) }) })]);
    // The app's own lines (not a request's) carry no request id.
    expect(lines.filter((l) => l.requestId === undefined).every((l) => typeof l.msg === 'string')).toBe(true);
  });
});
