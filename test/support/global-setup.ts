import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import pino from 'pino';
import { openDatabase } from '../../src/db/database.ts';
import { migrate } from '../../src/db/migrate.ts';
import { createJobs } from '../../src/platform/jobs/jobs.ts';
import { seedDemo } from '../../src/seed.ts';

/**
 * Builds one migrated, demo-seeded database per test run; every test file gets its own copy of it
 * (PGlite: a data-dir dump; PostgreSQL: CREATE DATABASE … TEMPLATE).
 */
export default async function setup(project: TestProject) {
  const log = pino({ level: 'silent' });
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `pd_tmpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const tmplUrl = withDatabase(url, name);
    const database = await openDatabase({ kind: 'pg', url: tmplUrl });
    await prepare(database, log);
    await database.close();
    project.provide('dbTemplate', JSON.stringify({ kind: 'pg', url, template: name }));
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    };
  }
  const database = await openDatabase({ kind: 'pglite' });
  await prepare(database, log);
  const dump = await database.pglite!.dumpDataDir('gzip');
  await database.close();
  const dir = join(process.cwd(), '.tmp');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `pglite-template-${process.pid}.tar.gz`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('dbTemplate', JSON.stringify({ kind: 'pglite', file }));
}

async function prepare(database: Awaited<ReturnType<typeof openDatabase>>, log: pino.Logger) {
  await migrate(database);
  await seedDemo(database);
  const jobs = createJobs(database, log, { workers: false });
  await jobs.start(); // creates the pg-boss schema once, so test files do not
  await jobs.stop();
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplate: string;
  }
}
