import { sql } from 'drizzle-orm';
import { fromDrizzle, fromPglite, PgBoss } from 'pg-boss';
import type { Logger } from 'pino';
import type { Database, Tx } from '../../db/database.ts';

export type JobHandler<T> = (data: T) => Promise<void>;

type Retry = { retryLimit: number; retryDelayMax?: number };
type JobResult = { id: string; status: 'completed' | 'failed'; output?: object };

/** Jobs a worker takes per fetch and runs one after another (each still done and retried on its own). */
const JOB_BATCH_SIZE = 20;
/**
 * With a concurrency above 1: jobs a worker takes per fetch and runs at once. Few, because a batch is settled and the
 * next one fetched only when its slowest job ends: a job that hangs (an SMTP server that does not answer, until the
 * client's 60 s timeout) holds its worker, while the rest of its batch finishes and the queue's other workers go on.
 */
const CONCURRENT_BATCH_SIZE = 4;

export interface Jobs {
  /** Enqueues a job; pass the business transaction so the job exists only if the business change commits. */
  send<T extends object>(name: string, data: T, options?: { tx?: Tx; startAfterSeconds?: number; singletonKey?: string }): Promise<void>;
  /**
   * `retryDelayMaxSeconds` caps the back-off (5 s, doubling): more retries then cover a longer outage. `concurrency`:
   * how many of the queue's jobs this process runs at once (default 1, one after another; above 1, in batches of
   * CONCURRENT_BATCH_SIZE run at once, by as many workers as that takes), for jobs that wait on another server.
   */
  work<T extends object>(name: string, handler: JobHandler<T>, options?: { retryLimit?: number; retryDelayMaxSeconds?: number; concurrency?: number }): Promise<void>;
  schedule(name: string, cron: string): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  readonly boss: PgBoss;
}

/**
 * pg-boss on the same database as the business data (PGlite through its adapter, or the PostgreSQL server).
 * Queues are created on first use; retries back off exponentially.
 */
export function createJobs(database: Database, log: Logger, options: { workers: boolean }): Jobs {
  const boss =
    database.kind === 'pglite'
      ? new PgBoss({ db: fromPglite(database.pglite as never), backend: 'pglite', schema: 'pgboss', supervise: options.workers, schedule: options.workers })
      : new PgBoss({ db: { executeSql: (text, values) => database.pool!.query(text, values as unknown[]) }, schema: 'pgboss', supervise: options.workers, schedule: options.workers });
  boss.on('error', (err) => log.error({ err }, 'job queue error'));
  const queues = new Set<string>();
  const handlers: { name: string; handler: JobHandler<never>; retry: Retry; concurrency: number }[] = [];
  // Schedules asked for before start() wait for it: on a fresh database the pg-boss schema exists only then.
  const pendingSchedules: { name: string; cron: string }[] = [];
  let started = false;

  async function ensureQueue(name: string, retry: Retry = { retryLimit: 5 }) {
    if (queues.has(name)) return;
    // createQueue on an existing queue drops pg-boss's cached copy of it; the next send would then reload it
    // outside the caller's transaction (a deadlock on PGlite). Create only what is missing.
    if (!(await boss.getQueue(name))) {
      await boss.createQueue(name, { retryLimit: retry.retryLimit, retryBackoff: true, retryDelay: 5, ...(retry.retryDelayMax ? { retryDelayMax: retry.retryDelayMax } : {}) });
      // Warm pg-boss's queue cache now, outside any transaction (a lookup of a nil job goes through it).
      await boss.getJobById(name, '00000000-0000-4000-8000-000000000000');
    }
    queues.add(name);
  }

  return {
    boss,
    async send(name, data, opts = {}) {
      if (opts.tx && !queues.has(name)) {
        // Creating a queue runs outside the caller's transaction; on PGlite (one query at a time) that would
        // wait for the transaction forever. Queues are created at start() for every registered handler.
        throw new Error(`job queue ${name} is used in a transaction before it exists: register its handler with work()`);
      }
      await ensureQueue(name);
      const sendOptions = {
        ...(opts.startAfterSeconds ? { startAfter: opts.startAfterSeconds } : {}),
        ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
        ...(opts.tx ? { db: fromDrizzle(opts.tx as never, sql as never) } : {}),
      };
      await boss.send(name, data, sendOptions);
    },
    async work(name, handler, opts = {}) {
      const retry = { retryLimit: opts.retryLimit ?? 5, retryDelayMax: opts.retryDelayMaxSeconds };
      const concurrency = opts.concurrency ?? 1;
      handlers.push({ name, handler: handler as JobHandler<never>, retry, concurrency });
      if (started && options.workers) await attach(name, handler as JobHandler<never>, retry, concurrency);
    },
    async schedule(name, cron) {
      if (!started) {
        pendingSchedules.push({ name, cron });
        return;
      }
      await ensureQueue(name);
      await boss.schedule(name, cron, {}, { tz: 'Europe/Bucharest' });
    },
    async start() {
      await boss.start();
      started = true;
      for (const s of pendingSchedules.splice(0)) {
        await ensureQueue(s.name);
        await boss.schedule(s.name, s.cron, {}, { tz: 'Europe/Bucharest' });
      }
      // Every process creates the queues it knows, workers or not, so a web-only process can enqueue in a transaction.
      for (const h of handlers) await ensureQueue(h.name, h.retry);
      if (options.workers) for (const h of handlers) await attach(h.name, h.handler, h.retry, h.concurrency);
    },
    async stop() {
      if (started) await boss.stop({ graceful: true, timeout: 5000 });
      started = false;
    },
  };

  async function attach(name: string, handler: JobHandler<never>, retry: Retry, concurrency: number) {
    await ensureQueue(name, retry);
    const run = async (job: { id: string; data: unknown }): Promise<JobResult> => {
      try {
        await handler(job.data as never);
        return { id: job.id, status: 'completed' };
      } catch (err) {
        log.warn({ err, job: name, jobId: job.id }, 'job failed');
        return { id: job.id, status: 'failed', output: { message: err instanceof Error ? err.message : String(err) } };
      }
    };
    const concurrent = concurrency > 1;
    const batchSize = concurrent ? Math.min(concurrency, CONCURRENT_BATCH_SIZE) : JOB_BATCH_SIZE;
    // A batch, fetched again at once while batches come back full: one job per fetch and a one-second poll sent one
    // e-mail a second per worker, so a burst of hundreds took minutes. Each job still succeeds or fails on its own
    // (perJobResults), so a failed one is retried with its back-off and the others are done.
    await boss.work(
      name,
      { pollingIntervalSeconds: 1, batchSize, burstWhenBatchFull: true, perJobResults: true, localConcurrency: concurrent ? Math.ceil(concurrency / batchSize) : 1 },
      async (jobs) => {
        if (concurrent) return Promise.all(jobs.map(run));
        const results: JobResult[] = [];
        for (const job of jobs) results.push(await run(job));
        return results;
      },
    );
  }
}
