import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import { type Config, loadConfig } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { createLogger, createRuntime, databaseTarget, type Runtime } from './runtime.ts';
import { DEMO_ROEID_IDENTITIES } from './modules/identity/seed-demo.ts';
import { OIDC_CALLBACK_PATH } from './modules/identity/oidc-config.ts';
import { seedDemoCases } from './modules/cases/seed-demo.ts';
import { findDefaultInstitution } from './modules/organisation/store.ts';
import { isEmpty, seedDemo } from './seed.ts';

const USAGE = `Primăria Digitală

Usage: primaria <command> [options]

  start              web server and jobs (embedded PGlite under ./data unless DATABASE_URL is set;
                     a fresh embedded database is migrated, and filled with demo data outside production)
  worker             job worker only (reminders, emails, SMS) — run several at scale
  migrate            apply database migrations
  init --name <name> --slug <slug> --cui <cui> --admin-email <e-mail> --admin-name <name>
                     production's first step, on an empty database: the institution and its first
                     administrator; prints the link where the administrator chooses a password
  admin-link <e-mail>
                     a new link to choose a password for an administrator (the first one lapsed)
  seed --demo        load the demo institution, officials and citizens into an empty database
  backup <file>      write a portable backup (works from PGlite and PostgreSQL)
  restore <file>     restore a backup into an empty, migrated database (PGlite or PostgreSQL)
  audit verify       check every audit chain; prints the first tampered entry

Configuration comes from environment variables: see README.md.`;

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      name: { type: 'string' },
      slug: { type: 'string' },
      cui: { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-name': { type: 'string' },
    },
  });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  let config = loadConfig();
  const log = createLogger(config);

  switch (command) {
    case 'start': {
      const database = await openDatabase(databaseTarget(config));
      await migrate(database);
      if (config.defaultInstitution) {
        const shown = await findDefaultInstitution(database.db, config.defaultInstitution);
        if (shown && shown.slug !== config.defaultInstitution) {
          log.warn(`DEFAULT_INSTITUTION=${config.defaultInstitution} names no institution: the pages show ${shown.name} (${shown.slug})`);
        }
      }
      const empty = await isEmpty(database);
      // Never in production: the demo's officials, administrators included, share a password and a TOTP secret that
      // the README publishes. A production institution starts with `primaria init`.
      const demo = empty && config.database.kind === 'pglite' && config.env !== 'production';
      if (demo) {
        log.info('empty embedded database: loading the demo data');
        await seedDemo(database);
      } else if (empty) {
        log.warn('the database has no institution yet: set it up with primaria init (see README, Production), or load the demo to evaluate with primaria seed --demo');
      }
      // Development: a local OpenID provider stands for ROeID, so "Autentificare cu ROeID" works in the demo.
      const simulator = config.oidcSimulator
        ? await startRoeidSimulator(config, config.oidcSimulator.port).catch((err: Error) => {
            // A busy port must not keep the platform from starting: it runs without the ROeID button.
            log.warn({ port: config.oidcSimulator?.port, err: err.message }, 'ROeID simulator not started (set OIDC_SIMULATOR_PORT, or OIDC_SIMULATOR=off)');
            return null;
          })
        : null;
      if (simulator) {
        config = { ...config, oidc: simulator.settings };
        log.info({ issuer: simulator.settings.issuer, logins: DEMO_ROEID_IDENTITIES.map((u) => u.sub) }, 'ROeID simulator running (development only)');
      }
      const runtime = await createRuntime(config, { database, log, migrate: false });
      // Without its cases the demo still works: say why they are missing rather than not start at all.
      if (demo) await loadDemoCases(runtime, log).catch((err: Error) => log.error({ err: err.message }, 'demo cases not loaded'));
      await runtime.app.listen({ host: config.host, port: config.port });
      log.info({ url: config.baseUrl, database: database.kind }, 'Primăria Digitală is running');
      const stop = async () => {
        log.info('shutting down');
        await runtime.close();
        await database.close();
        await simulator?.stop();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return -1;
    }
    case 'worker': {
      const database = await openDatabase(databaseTarget(config));
      await migrate(database);
      // The same runtime as the web process, without listening: modules register their messages and
      // templates in register(), and job handlers render them.
      const runtime = await createRuntime(config, { database, log, migrate: false, workers: true });
      log.info('worker running');
      const stop = async () => {
        await runtime.close();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return -1;
    }
    case 'migrate': {
      const database = await openDatabase(databaseTarget(config));
      const applied = await migrate(database);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      await database.close();
      return 0;
    }
    case 'init':
    case 'admin-link': {
      const { SetUpRefused, issueAdministratorLink, setUpInstitution } = await import('./modules/admin/set-up-institution.ts');
      if (command === 'admin-link' && !rest[0]) {
        console.error('Usage: primaria admin-link <e-mail of an administrator>');
        return 1;
      }
      const database = await openDatabase(databaseTarget(config));
      try {
        await migrate(database);
        const deps = { db: database.db, config, now: () => new Date() };
        if (command === 'init') {
          const { link } = await setUpInstitution(deps, {
            name: values.name ?? '',
            slug: values.slug ?? '',
            cui: values.cui ?? '',
            adminEmail: values['admin-email'] ?? '',
            adminName: values['admin-name'] ?? '',
          });
          console.log(`Institution created. The administrator chooses a password at this link (single use, valid 1 hour), then sets up two-factor authentication at the first sign-in:\n${link}`);
        } else {
          const link = await issueAdministratorLink(deps, { email: rest[0]! });
          console.log(`The administrator chooses a new password at this link (single use, valid 1 hour):\n${link}`);
        }
        return 0;
      } catch (err) {
        if (!(err instanceof SetUpRefused)) throw err;
        console.error(err.message);
        return 1;
      } finally {
        await database.close();
      }
    }
    case 'seed': {
      if (!values.demo) {
        console.error('primaria seed --demo loads the demo; a real institution starts with primaria init (see primaria --help)');
        return 1;
      }
      const database = await openDatabase(databaseTarget(config));
      await migrate(database);
      if (!(await isEmpty(database))) {
        console.error('The database already has institutions; the demo seed only goes into an empty database.');
        await database.close();
        return 1;
      }
      await seedDemo(database);
      // The demo cases go through the platform's use cases, which need a runtime (jobs, files, e-mail).
      const runtime = await createRuntime(config, { database, log, migrate: false, workers: false });
      await loadDemoCases(runtime, log);
      await runtime.close();
      console.log('Demo data loaded.');
      await database.close();
      return 0;
    }
    case 'backup':
    case 'restore': {
      const file = rest[0];
      if (!file) {
        console.error(`Usage: primaria ${command} <file>`);
        return 1;
      }
      if (command === 'restore' && !existsSync(file)) {
        console.error(`No backup file at ${file}.`);
        return 1;
      }
      if (command === 'backup' && config.database.kind === 'pglite' && !existsSync(`${config.database.dataDir}/PG_VERSION`)) {
        console.error(`No embedded database at ${config.database.dataDir}: set DATA_DIR (or DATABASE_URL for PostgreSQL).`);
        return 1;
      }
      const { backupTo, restoreFrom } = await import('./platform/backup/backup.ts');
      const database = await openDatabase(databaseTarget(config));
      try {
        if (command === 'backup') {
          const summary = await backupTo(database, file);
          console.log(`Backup written to ${file}: ${summary.tables} tables, ${summary.rows} rows.`);
        } else {
          await migrate(database);
          const summary = await restoreFrom(database, file);
          console.log(`Restored ${summary.rows} rows into ${summary.tables} tables.`);
        }
      } finally {
        await database.close();
      }
      return 0;
    }
    case 'audit': {
      if (rest[0] !== 'verify') {
        console.error('Usage: primaria audit verify');
        return 1;
      }
      const { sealAudit, verifyAudit } = await import('./platform/audit/audit.ts');
      const database = await openDatabase(databaseTarget(config));
      // Entries committed since the workers last sealed are linked first, so the walk covers them too.
      const sealed = await sealAudit(database.db);
      if (sealed > 0) console.log(`Sealed ${sealed} recent entries into their chains.`);
      // One snapshot: entries appended while we walk must not look like a broken chain head.
      const result = await database.db.transaction((tx) => verifyAudit(tx), { isolationLevel: 'repeatable read', accessMode: 'read only' });
      await database.close();
      if (result.breaks.length === 0) {
        console.log(`Audit log intact: ${result.checked} entries checked.`);
        return 0;
      }
      for (const b of result.breaks) console.log(`TAMPERED chain=${b.chain} entry=${b.seq} (${b.reason})`);
      return 2;
    }
    default:
      console.error(`Unknown command: ${command}\n\n${USAGE}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);

/** The demo citizens' requests, in their different states (after the demo seed; never in the test template). */
async function loadDemoCases(runtime: Runtime, log: Logger): Promise<void> {
  const started = Date.now();
  const cases = await seedDemoCases(runtime.deps);
  log.info({ cases, ms: Date.now() - started }, 'demo cases loaded');
}

/** The development ROeID simulator with the demo identities, and the OIDC settings that point the app at it. */
async function startRoeidSimulator(config: Config, port: number): Promise<{ settings: NonNullable<Config['oidc']>; stop: () => Promise<void> }> {
  const { startOidcSimulator } = await import('./modules/identity/oidc-simulator.ts');
  const sim = await startOidcSimulator({ port, clientId: 'primaria-dev', redirectUris: [`${config.baseUrl}${OIDC_CALLBACK_PATH}`], users: DEMO_ROEID_IDENTITIES });
  return {
    settings: { issuer: sim.issuer, clientId: sim.clientId, clientSecret: sim.clientSecret, name: 'ROeID (simulator)', scope: 'openid email profile cnp', cnpClaim: 'cnp' },
    stop: sim.stop,
  };
}
