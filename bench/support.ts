import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { account, person } from '../src/modules/identity/schema.ts';
import { insertSession } from '../src/modules/identity/session-store.ts';
import { hashPassword } from '../src/platform/auth/password.ts';
import { isEmpty, seedDemo } from '../src/seed.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export type DbKind = 'pglite' | 'pg';

/** `--name value` and `--flag` options after the benchmark names. */
export function parseOptions(argv: string[]): { names: string[]; options: Record<string, string> } {
  const names: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const next = argv[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        options[a.slice(2)] = next;
        i++;
      } else options[a.slice(2)] = 'true';
    } else names.push(a);
  }
  return { names, options };
}

/** The value below which `p` percent of the sorted samples fall (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : String(n));

export type LoadResult = { requests: number; seconds: number; rps: number; p50: number; p95: number; p99: number; statuses: Record<string, number>; errors: number };

/**
 * Loads `url` from a second process (bench/load.ts, autocannon) so the server keeps its own core.
 * Only loopback addresses are accepted.
 */
export async function load(options: { url: string; connections: number; seconds: number; method?: string; headers?: Record<string, string>; body?: string }): Promise<LoadResult> {
  const host = new URL(options.url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error(`benchmarks only load 127.0.0.1, not ${host}`);
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/load.ts'), JSON.stringify(options)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`load generator exited with ${code}`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as LoadResult;
}

export function describeLoad(label: string, r: LoadResult): string {
  const statuses = Object.entries(r.statuses)
    .map(([s, n]) => `${s}×${n}`)
    .join(' ');
  return `${label.padEnd(28)} ${fmt(r.rps, 0).padStart(7)} req/s   p50 ${fmt(r.p50)} ms   p95 ${fmt(r.p95)} ms   p99 ${fmt(r.p99)} ms   (${r.requests} requests, ${statuses}${r.errors ? `, ${r.errors} errors` : ''})`;
}

/** A scratch database: a new PostgreSQL database or a PGlite data dir, both migrated and demo-seeded. */
export type BenchDatabase = { kind: DbKind; env: Record<string, string>; database: Database; close(): Promise<void>; drop(): Promise<void> };

export async function createBenchDatabase(kind: DbKind): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pd-bench-'));
  if (kind === 'pglite') {
    const database = await openDatabase({ kind: 'pglite', dataDir: join(dataDir, 'pglite') });
    await prepare(database);
    return {
      kind,
      database,
      env: { DATA_DIR: dataDir },
      close: () => database.close(),
      async drop() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const name = `pd_bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'pg', url: u.toString() });
  await prepare(database);
  return {
    kind,
    database,
    env: { DATA_DIR: dataDir, DATABASE_URL: u.toString() },
    close: () => database.close(),
    async drop() {
      const a = new pg.Client({ connectionString: PG_ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function prepare(database: Database) {
  await migrate(database);
  if (await isEmpty(database)) await seedDemo(database);
}

export const BENCH_PASSWORD = 'Parolă-de-bench-2026!';

/** A verified citizen account with a known password, and a live session for it (the cookie value). */
export async function createCitizen(database: Database): Promise<{ email: string; sessionToken: string }> {
  const id = randomUUID();
  const email = `bench-${id.slice(0, 8)}@example.ro`;
  const now = new Date();
  await database.db.insert(account).values({ id, email, emailVerifiedAt: now, passwordHash: await hashPassword(BENCH_PASSWORD), displayName: 'Ioana Bănică' });
  await database.db.insert(person).values({ accountId: id, firstName: 'Ioana', lastName: 'Bănică' });
  const sessionToken = await insertSession(database.db, { accountId: id, mfaPassed: true, ip: '127.0.0.1', userAgent: 'bench', absoluteHours: 12, now });
  return { email, sessionToken };
}

export type Server = { url: string; pid: number; process: ChildProcess; stop(): Promise<void> };

/** The V8 limits `npm start` uses (package.json): measured servers run exactly as deployed. */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=256'];

let nextPort = 40_000 + Math.floor(Math.random() * 10_000);

/**
 * Runs a server script as a child process (`node --import tsx`, the same as `npx tsx` but without the
 * wrapper process, so `pid` is the server itself) and waits until `readyPath` answers.
 */
export async function startServer(script: string[], env: Record<string, string>, readyPath = '/health', loader: 'tsx' | 'none' = 'tsx'): Promise<Server> {
  const port = nextPort++;
  const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'production', ...env };
  childEnv.SESSION_SECRET ??= randomBytes(24).toString('hex');
  childEnv.BASE_URL = `http://127.0.0.1:${port}`;
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const extra = process.env.BENCH_SERVER_NODE_FLAGS?.split(' ').filter(Boolean) ?? []; // e.g. --cpu-prof, to see where a run's time went
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...extra, ...(loader === 'tsx' ? ['--import', 'tsx'] : []), ...script], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'inherit', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server ${script.join(' ')} exited with ${child.exitCode}`);
    try {
      const res = await fetch(url + readyPath);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server ${script.join(' ')} did not start within 120 s`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    process: child,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

let built: Promise<string> | null = null;

/**
 * What the measured app runs, as deployed: the production build (`npm run build`, what `primaria start` runs), made
 * once per bench run into .bench-build/ (node_modules resolve from the project). `BENCH_APP=tsx` measures the
 * sources through tsx instead, as `npm start` runs them.
 */
export async function appCommand(...extraNodeFlags: string[]): Promise<{ script: string[]; loader: 'tsx' | 'none' }> {
  if (process.env.BENCH_APP === 'tsx') return { script: [...extraNodeFlags, 'src/main.ts', 'start'], loader: 'tsx' };
  built ??= import('../build.ts').then(async ({ build }) => (await build(join(ROOT, '.bench-build'))).outdir);
  return { script: [...extraNodeFlags, join(await built, 'main.js'), 'start'], loader: 'none' };
}

/** The app on a bench database. */
export async function startApp(db: BenchDatabase, env: Record<string, string> = {}, ...extraNodeFlags: string[]): Promise<Server> {
  const { script, loader } = await appCommand(...extraNodeFlags);
  return startServer(script, { ...db.env, ...env }, '/health', loader);
}

/** Samples a process's resident memory (VmRSS) and its high-water mark (VmHWM) from /proc, in MB. */
export function memorySampler(pid: number, everyMs = 250) {
  const samples: { t: number; rss: number; hwm: number }[] = [];
  const read = () => {
    const file = `/proc/${pid}/status`;
    if (!existsSync(file)) return;
    const text = readFileSync(file, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? Number.NaN);
    samples.push({ t: Date.now(), rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 });
  };
  read();
  const timer = setInterval(read, everyMs);
  return {
    samples,
    read,
    stop() {
      clearInterval(timer);
      read();
      return samples;
    },
  };
}

/** Fetches `path` with the session cookie; the page to benchmark is /cont when it is there, else the signed-in home. */
export async function signedInPage(baseUrl: string, cookie: string, expect: string): Promise<{ path: string; note: string }> {
  for (const path of ['/cont', '/']) {
    const res = await fetch(baseUrl + path, { headers: { cookie }, redirect: 'manual' });
    const body = await res.text();
    if (res.status === 200 && body.includes(expect)) return { path, note: path === '/cont' ? 'citizen home /cont' : '/ signed in (no /cont page yet)' };
  }
  throw new Error('neither /cont nor / answers 200 with the signed-in citizen name: is the session accepted?');
}

/**
 * Where the machine's CPU went between `start()` and `stop()`: the server process, every PostgreSQL process, and
 * the rest (load generator, PGlite-free helpers, the system), in percent of one core, from /proc (clock ticks).
 * It shows whether a run was limited by the server, by the database or by the whole machine.
 */
export function cpuSplit(serverPid: number) {
  const ticks = (pid: number | string) => {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      return Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14 and 15 of the whole line)
    } catch {
      return 0;
    }
  };
  const postgresTicks = () => {
    let sum = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') sum += ticks(pid);
      } catch {
        /* gone */
      }
    }
    return sum;
  };
  const machine = () => {
    const [, ...v] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
    const n = v.map(Number);
    return { busy: n[0]! + n[1]! + n[2]! + n[5]! + n[6]! + n[7]!, all: n.reduce((a, b) => a + b, 0) };
  };
  const begin = { server: ticks(serverPid), postgres: postgresTicks(), machine: machine(), at: performance.now() };
  return {
    stop() {
      const seconds = (performance.now() - begin.at) / 1000;
      const hz = 100;
      const pct = (t: number) => (100 * t) / hz / seconds;
      const server = pct(ticks(serverPid) - begin.server);
      const postgres = pct(postgresTicks() - begin.postgres);
      const m = machine();
      const busy = pct(m.busy - begin.machine.busy);
      const cores = cpus().length;
      return { server, postgres, other: Math.max(0, busy - server - postgres), busy, cores };
    },
  };
}

export const describeCpu = (c: ReturnType<ReturnType<typeof cpuSplit>['stop']>) =>
  `CPU (% of one core): server ${fmt(c.server, 0)}, PostgreSQL ${fmt(c.postgres, 0)}, rest (load generator, system) ${fmt(c.other, 0)}; machine ${fmt(c.busy, 0)} of ${c.cores * 100}`;
