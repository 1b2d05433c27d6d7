import pino, { type Logger } from 'pino';
import { type ActorResolver, type AppDeps, buildApp, SESSION_COOKIE } from './app.ts';
import type { Config } from './config.ts';
import { type Database, type DatabaseTarget, openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { modules } from './modules/index.ts';
import { keepUnsentForm } from './modules/identity/keep-unsent-form.ts';
import { resolveActor } from './modules/identity/resolve-actor.ts';
import { loadDefaultInstitution } from './modules/organisation/load-default-institution.ts';
import { startAuditSealer } from './platform/audit/audit.ts';
import { watchConfig } from './platform/cache/config-cache.ts';
import { readMultipartText } from './platform/http/multipart.ts';
import { createJobs } from './platform/jobs/jobs.ts';
import { createNotifier } from './platform/notify/create-notifier.ts';
import { createBlobStore } from './platform/storage/create-blob-store.ts';

export type Runtime = {
  deps: AppDeps;
  app: Awaited<ReturnType<typeof buildApp>>;
  close(): Promise<void>;
};

export function createLogger(config: Config): Logger {
  return pino({
    level: config.logLevel,
    redact: { paths: ['password', '*.password', 'token', '*.token', 'req.headers.cookie', 'req.headers.authorization', 'totp', '*.totp', 'pin', '*.pin'], censor: '[redacted]' },
  });
}

export function databaseTarget(config: Config): DatabaseTarget {
  return config.database.kind === 'pg' ? { kind: 'pg', url: config.database.url, poolMax: config.database.poolMax } : { kind: 'pglite', dataDir: config.database.dataDir };
}

/**
 * Opens the database, applies migrations, starts the job queue and builds the web app.
 * The web process and tests use it; `workers: false` for web-only processes at scale.
 */
export async function createRuntime(
  config: Config,
  options: { database?: Database; workers?: boolean; log?: Logger; resolveActor?: ActorResolver; migrate?: boolean } = {},
): Promise<Runtime> {
  const log = options.log ?? createLogger(config);
  const database = options.database ?? (await openDatabase(databaseTarget(config)));
  if (options.migrate !== false) {
    const applied = await migrate(database);
    if (applied.length) log.info({ applied }, 'migrations applied');
  }
  const workers = options.workers ?? config.jobsInProcess;
  // Departments, closed days, workflows: kept in memory, dropped on every change (migration 0039).
  const unwatchConfig = watchConfig(database);
  const jobs = createJobs(database, log, { workers });
  const deps: AppDeps = {
    config,
    database,
    db: database.db,
    jobs,
    notifier: null as never,
    blobs: createBlobStore(config),
    log,
    now: () => new Date(),
  };
  deps.notifier = createNotifier(deps);
  for (const m of modules) await m.registerJobs?.(deps);
  // Modules register their messages and templates while the app is built; jobs start only then, so a job
  // never renders a message whose texts are not registered yet.
  const app = await buildApp(deps, {
    resolveActor: options.resolveActor ?? resolveActor,
    loadInstitution: loadDefaultInstitution,
    keepUnsentForm: (request, d, back) =>
      keepUnsentForm(d, {
        sessionToken: request.cookies[SESSION_COOKIE],
        method: request.method,
        contentType: request.headers['content-type'],
        url: request.url,
        back,
        body: request.body,
        // The page's text and one file's worth besides: a longer body (several large scans) is not read through.
        readMultipartText: () => readMultipartText(request, d.config.uploadLimitBytes + 1024 * 1024),
      }),
  });
  await jobs.start();
  // Audit entries are written unsealed by the business transactions; the workers link them into their chains.
  const sealer = workers ? startAuditSealer(database.db, log) : null;
  return {
    deps,
    app,
    async close() {
      await app.close();
      unwatchConfig();
      await sealer?.stop();
      await jobs.stop();
      if (!options.database) await database.close();
    },
  };
}
