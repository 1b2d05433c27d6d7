import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { DELIVER_JOB } from '../../platform/notify/create-notifier.ts';
import { MAX_DELIVERY_ATTEMPTS } from './domain/delivery-policy.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ workers: true });
});
afterAll(async () => t?.stop());

describe('an e-mail sent while the mail server is down', () => {
  it('is tried again for at least half an hour before it is given up on (a restart or maintenance of the SMTP server loses nothing)', async () => {
    const queue = (await t.deps.jobs.boss.getQueue(DELIVER_JOB))!;
    expect(queue.retryLimit).toBe(MAX_DELIVERY_ATTEMPTS - 1);
    expect(queue.retryBackoff).toBe(true);
    // pg-boss waits, before retry n, between retryDelay·2ⁿ⁻¹ and twice that (jitter), at most retryDelayMax.
    let shortest = 0;
    for (let n = 1; n <= queue.retryLimit!; n++) shortest += Math.min(queue.retryDelayMax ?? Number.POSITIVE_INFINITY, queue.retryDelay! * 2 ** (n - 1));
    expect(shortest).toBeGreaterThanOrEqual(30 * 60);
  });
});
