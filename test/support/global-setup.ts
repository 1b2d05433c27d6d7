import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
 * (PGlite: a data-dir dump in .tmp, removed when the run ends; PostgreSQL: CREATE DATABASE … TEMPLATE, dropped then).
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
  const dir = join(process.cwd(), '.tmp');
  mkdirSync(dir, { recursive: true });
  removeStaleTemplates(dir);
  const database = await openDatabase({ kind: 'pglite' });
  await prepare(database, log);
  const dump = await database.pglite!.dumpDataDir('gzip');
  await database.close();
  const file = join(dir, templateName(process.pid));
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('dbTemplate', JSON.stringify({ kind: 'pglite', file }));
  // The teardown, and on exit: a run stopped with Ctrl-C exits without its teardown.
  const remove = () => rmSync(file, { force: true });
  process.once('exit', remove);
  return remove;
}

const templateName = (pid: number) => `pglite-template-${pid}.tar.gz`;

/**
 * Removes the templates of runs that ended without their teardown (killed, or stopped before it ran): those whose
 * process is gone. Runs going on at the same time, in this tree or another engineer's, keep theirs.
 */
export function removeStaleTemplates(dir: string): void {
  for (const name of readdirSync(dir)) {
    const pid = Number(/^pglite-template-(\d+)\.tar\.gz$/.exec(name)?.[1]);
    if (pid && !isAlive(pid)) rmSync(join(dir, name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
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
