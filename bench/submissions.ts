import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/database.ts';
import { sealAudit, verifyAudit } from '../src/platform/audit/audit.ts';
import { account, person } from '../src/modules/identity/schema.ts';
import { insertSession } from '../src/modules/identity/session-store.ts';
import { validCnp } from '../src/modules/identity/test-helpers.ts';
import { csrfTokenFor } from '../src/platform/http/csrf.ts';
import { rate } from './logins.ts';
import { type BenchDatabase, cpuSplit, createBenchDatabase, type DbKind, describeCpu, fmt, memorySampler, percentile, ROOT, startApp } from './support.ts';

/*
 * End-to-end online submissions over HTTP (the JSON API of the submission module), each one: create a draft of the
 * fiscal certificate (DGITL Sector 5), answer two pages, record the consent, upload a 200 KB PDF, submit (case
 * opened with its registry number, outbox email + pg-boss delivery job, audit entries). 20 concurrent submitters
 * (one citizen each) from a second process, against the bare commit rate of the same database: 20 clients doing
 * `UPDATE bench_counter SET n = n + 1 WHERE id = 1 RETURNING n` in autocommit.
 *
 * Options: `--seconds N` (measured time per database, default 20), `--connections N` (submitters, default 20),
 * `--db pg|pglite` (default both), `--profile` (the server runs with --cpu-prof and counts its SQL statements).
 */

const SESSION_SECRET = 'bench-submissions-session-secret-0123456789';
const PDF_BYTES = 200 * 1024;

type Session = { token: string; csrf: string };
type DriverOptions = { url: string; sessions: Session[]; warmupSeconds: number; seconds: number; maxSubmissions: number };
type DriverResult = {
  submissions: number;
  seconds: number;
  perSecond: number;
  submit: { p50: number; p95: number; p99: number };
  whole: { p50: number; p95: number; p99: number };
  failures: Record<string, number>;
  warmup: number;
};

/** A PDF of `size` bytes: a valid header and trailer around a comment block (the content sniffer reads the header). */
function pdfOf(size: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n');
  const tail = Buffer.from('trailer << /Root 1 0 R >>\n%%EOF\n');
  const line = `%${'x'.repeat(78)}\n`;
  const body = Buffer.from(line.repeat(Math.ceil((size - head.length - tail.length) / line.length))).subarray(0, size - head.length - tail.length);
  return Buffer.concat([head, body, tail]);
}

// ---------------------------------------------------------------------------------------------------------------
// The load driver: a second process (`node --import tsx bench/submissions.ts '<json>'`), so the server keeps its core.

export async function drive(options: DriverOptions): Promise<DriverResult> {
  const base = new URL(options.url);
  if (base.hostname !== '127.0.0.1') throw new Error('loopback only');
  const pdf = new Blob([new Uint8Array(pdfOf(PDF_BYTES))], { type: 'application/pdf' });
  const failures: Record<string, number> = {};
  const submitTimes: number[] = [];
  const wholeTimes: number[] = [];
  let measuring = false;
  let warmup = 0;
  let started = 0;

  async function call(s: Session, method: string, path: string, body?: unknown, expected = 200): Promise<Record<string, unknown>> {
    const isForm = body instanceof FormData;
    const res = await fetch(new URL(path, base), {
      method,
      headers: { cookie: `pd_session=${s.token}`, 'x-csrf-token': s.csrf, accept: 'application/json', ...(isForm || body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: isForm ? body : body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== expected) throw new Error(`${method} ${path.replace(/[0-9a-f-]{36}/, ':id')} → ${res.status} ${text.slice(0, 200)}`);
    return JSON.parse(text) as Record<string, unknown>;
  }

  async function submitOne(s: Session): Promise<void> {
    const t0 = performance.now();
    const draft = await call(s, 'POST', '/api/v1/drafts', { serviceCode: 'CERT-FISCAL', institution: 'dgitl5' }, 201);
    const id = String(draft.id);
    await call(s, 'PUT', `/api/v1/drafts/${id}/pages/tip_solicitant`, { answers: { applicant_kind: 'pf' } });
    await call(s, 'PUT', `/api/v1/drafts/${id}/pages/scop`, { answers: { purpose: 'credit', delivery: 'electronic', on_behalf: 'nu' } });
    await call(s, 'POST', `/api/v1/drafts/${id}/consents`, { agreed: ['death_certificate'] });
    const form = new FormData();
    form.append('documentId', 'mandate');
    form.append('file', pdf, 'imputernicire.pdf');
    await call(s, 'POST', `/api/v1/drafts/${id}/documents`, form, 201);
    const t1 = performance.now();
    const submitted = await call(s, 'POST', `/api/v1/drafts/${id}/submit`, { declaration: true });
    const t2 = performance.now();
    const number = submitted.number as { formatted?: unknown } | undefined;
    if (submitted.alreadySubmitted !== false || !/^\d+\/\d{2}\.\d{2}\.\d{4}$/.test(String(number?.formatted))) throw new Error(`unexpected submit answer ${JSON.stringify(submitted)}`);
    if (measuring) {
      submitTimes.push(t2 - t1);
      wholeTimes.push(t2 - t0);
    } else warmup++;
  }

  const deadline = performance.now() + (options.warmupSeconds + options.seconds) * 1000;
  const warmupEnd = performance.now() + options.warmupSeconds * 1000;
  setTimeout(() => {
    measuring = true;
    started = performance.now();
  }, Math.max(0, warmupEnd - performance.now()));
  let inFlight = 0;
  await Promise.all(
    options.sessions.map(async (s) => {
      while (performance.now() < deadline && submitTimes.length + inFlight < options.maxSubmissions) {
        inFlight++;
        try {
          await submitOne(s);
        } catch (e) {
          const key = (e as Error).message.slice(0, 120);
          failures[key] = (failures[key] ?? 0) + 1;
          if (Object.values(failures).reduce((a, b) => a + b, 0) > 50) throw e;
        } finally {
          inFlight--;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const stats = (xs: number[]) => {
    xs.sort((a, b) => a - b);
    return { p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99) };
  };
  return { submissions: submitTimes.length, seconds, perSecond: submitTimes.length / seconds, submit: stats(submitTimes), whole: stats(wholeTimes), failures, warmup };
}

async function runDriver(options: DriverOptions): Promise<DriverResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/submissions.ts'), JSON.stringify(options)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`submission driver exited with ${code}`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as DriverResult;
}

// ---------------------------------------------------------------------------------------------------------------

/** `count` verified citizens with a full profile (the applicant pages are prefilled) and a live session each. */
export async function createSubmitters(database: Database, count: number, sessionSecret = SESSION_SECRET): Promise<Session[]> {
  const now = new Date();
  const sessions: Session[] = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    await database.db.insert(account).values({ id, email: `bench-submitter-${i}@example.ro`, emailVerifiedAt: now, displayName: `Cetățean ${i}`, createdAt: now, updatedAt: now });
    await database.db.insert(person).values({ accountId: id, firstName: 'Cetățean', lastName: `Bench ${i}`, cnp: validCnp(900 + i), address: `Str. Sebastian nr. ${i + 1}, Sector 5, București` });
    const token = await insertSession(database.db, { accountId: id, mfaPassed: true, ip: '127.0.0.1', userAgent: 'bench', absoluteHours: 12, now });
    sessions.push({ token, csrf: csrfTokenFor(sessionSecret, token) });
  }
  return sessions;
}

/** Autocommit `UPDATE … RETURNING` per second with `clients` in flight: one commit each, the physical limit here. */
async function bareCommits(db: BenchDatabase, seconds: number, clients: number): Promise<number> {
  await db.database.exec('CREATE TABLE IF NOT EXISTS bench_counter (id int PRIMARY KEY, n bigint NOT NULL); INSERT INTO bench_counter VALUES (1, 0) ON CONFLICT DO NOTHING');
  const sql = 'UPDATE bench_counter SET n = n + 1 WHERE id = 1 RETURNING n';
  if (db.kind === 'pglite') {
    await rate(() => db.database.query(sql), 1, clients); // warm-up
    return rate(() => db.database.query(sql), seconds, clients);
  }
  const pool = new pg.Pool({ connectionString: db.env.DATABASE_URL, max: clients });
  try {
    await rate(() => pool.query(sql), 1, clients);
    return await rate(() => pool.query(sql), seconds, clients);
  } finally {
    await pool.end();
  }
}

const reopen = (db: BenchDatabase) => openDatabase(db.kind === 'pg' ? { kind: 'pg', url: db.env.DATABASE_URL! } : { kind: 'pglite', dataDir: join(db.env.DATA_DIR!, 'pglite') });

/** Counts the server's SQL statements (every pg/PGlite query call): loaded with --import in --profile runs. */
const COUNTER = (file: string) =>
  `data:text/javascript,${encodeURIComponent(`
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
const require = createRequire(${JSON.stringify(`${ROOT}/`)});
let n = 0;
let texts = [];
const pg = require('pg');
const q = pg.Client.prototype.query;
pg.Client.prototype.query = function (...a) { n++; texts.push(String(typeof a[0] === 'string' ? a[0] : a[0]?.text).replace(/\\s+/g, ' ').slice(0, 160)); return q.apply(this, a); };
process.on('SIGUSR2', () => { writeFileSync(${JSON.stringify(file)}, String(n)); writeFileSync(${JSON.stringify(file)} + '.sql', texts.join('\\n')); texts = []; });
`)}`;

type Run = { kind: DbKind; commitsPerSecond: number; result: DriverResult; peakRssMb: number; checks: string; queriesPerSubmission: number | null; profileDir: string | null; cpu: string };

async function measure(kind: DbKind, seconds: number, connections: number, profile: boolean): Promise<Run> {
  const db = await createBenchDatabase(kind);
  try {
    const sessions = await createSubmitters(db.database, connections);
    const commitsPerSecond = await bareCommits(db, Math.min(seconds, 10), connections);
    await db.close(); // PGlite: one process at a time may open the data dir
    const profileDir = profile ? mkdtempSync(join(tmpdir(), 'pd-subprof-')) : null;
    const countFile = profileDir ? join(profileDir, 'queries.txt') : '';
    const nodeFlags = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir, ...(kind === 'pg' ? ['--import', COUNTER(countFile)] : [])] : [];
    // Each submitter uploads far more files an hour than a person would: the per-account upload quota is not what is measured.
    const server = await startApp(db, { SESSION_SECRET, UPLOAD_LIMIT_MB: '1', UPLOAD_FILES_PER_HOUR: '1000000', UPLOAD_MB_PER_HOUR: '1000000' }, ...nodeFlags);
    const sampler = memorySampler(server.pid);
    let result: DriverResult;
    let queriesPerSubmission: number | null = null;
    let cpu = '';
    try {
      const queries = async () => {
        if (!countFile) return 0;
        process.kill(server.pid, 'SIGUSR2');
        await new Promise((r) => setTimeout(r, 300));
        return Number(readFileSync(countFile, 'utf8'));
      };
      if (countFile) {
        // One submission alone: the SQL statements it costs (the session lookup of each request included).
        await runDriver({ url: server.url, sessions: sessions.slice(0, 1), warmupSeconds: 0, seconds: 60, maxSubmissions: 1 });
        const before = await queries();
        await runDriver({ url: server.url, sessions: sessions.slice(0, 1), warmupSeconds: 0, seconds: 60, maxSubmissions: 5 });
        queriesPerSubmission = ((await queries()) - before) / 5;
      }
      const split = cpuSplit(server.pid);
      result = await runDriver({ url: server.url, sessions, warmupSeconds: 3, seconds, maxSubmissions: 100_000 });
      cpu = describeCpu(split.stop());
    } finally {
      sampler.stop();
      await server.stop();
    }
    const rss = sampler.samples;
    const peakRssMb = Math.max(...rss.map((s) => s.hwm).filter(Number.isFinite));
    const checks = await verify(db, result);
    return { kind, commitsPerSecond, result, peakRssMb, checks, queriesPerSubmission, profileDir, cpu };
  } finally {
    await db.drop();
  }
}

/** Every submission is a registered case with its email in the outbox and a queued delivery job. */
async function verify(db: BenchDatabase, r: DriverResult): Promise<string> {
  const database = await reopen(db);
  try {
    const [row] = await database.query<{ cases: number; numbers: number; max: number; emails: number; drafts: number; docs: number }>(
      `SELECT (SELECT count(*)::int FROM "case") AS cases,
              (SELECT count(*)::int FROM registry_entry WHERE case_id IS NOT NULL) AS numbers,
              (SELECT coalesce(max(number), 0)::int FROM registry_entry r JOIN institution i ON i.id = r.institution_id WHERE i.slug = 'dgitl5') AS max,
              (SELECT count(*)::int FROM outbox_message WHERE template = 'submission.received.v1') AS emails,
              (SELECT count(*)::int FROM case_draft WHERE submitted_case_id IS NOT NULL) AS drafts,
              (SELECT count(*)::int FROM case_document WHERE case_id IS NOT NULL) AS docs`,
    );
    const jobs = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'notify.deliver'`).catch(() => [{ n: Number.NaN }]);
    // The server's workers sealed most audit entries while it ran; the rest now, then every chain is walked.
    const lateSealed = await sealAudit(database.db);
    const audit = await verifyAudit(database.db);
    const expected = r.submissions + r.warmup;
    const ok =
      row!.cases >= expected &&
      row!.cases === row!.numbers &&
      row!.cases === row!.emails &&
      row!.cases === row!.drafts &&
      row!.cases === row!.docs &&
      row!.max === row!.cases &&
      audit.breaks.length === 0;
    return `${ok ? 'ok' : 'MISMATCH'}: ${row!.cases} cases (${expected} submissions answered), registry numbers 1..${row!.max}, ${row!.emails} emails, ${row!.docs} documents, ${jobs[0]!.n} delivery jobs in pgboss.job; audit chains intact (${audit.checked} entries, ${lateSealed} sealed after the server stopped)${audit.breaks.length ? ` BREAKS ${JSON.stringify(audit.breaks)}` : ''}`;
  } finally {
    await database.close();
  }
}

export async function submissions(options: Record<string, string>): Promise<void> {
  const seconds = Math.min(Math.max(Number(options.seconds ?? 20), 2), 600);
  const connections = Math.min(Math.max(Number(options.connections ?? 20), 1), 100);
  const kinds: DbKind[] = options.db ? [options.db as DbKind] : ['pg', 'pglite'];
  const profile = options.profile === 'true';
  const load = (await import('node:os')).loadavg().map((x) => x.toFixed(2));
  console.log(`submissions: ${connections} concurrent submitters, ${seconds} s measured after 3 s warm-up, driver in a second process on 127.0.0.1; load average ${load.join(' ')}`);
  console.log('each: POST draft, 2 × PUT page, POST consents, POST 200 KB PDF, POST submit (case + registry number + outbox email + pg-boss job + audit)');
  const runs: Run[] = [];
  for (const kind of kinds) {
    const run = await measure(kind, seconds, connections, profile);
    runs.push(run);
    const r = run.result;
    console.log(`${kind}: bare UPDATE … RETURNING commits, ${connections} clients: ${fmt(run.commitsPerSecond, 0)} /s`);
    console.log(
      `${kind}: ${fmt(r.perSecond, 1)} submissions/s (${r.submissions} in ${fmt(r.seconds)} s)   submit p50 ${fmt(r.submit.p50)} ms  p95 ${fmt(r.submit.p95)} ms  p99 ${fmt(r.submit.p99)} ms   whole submission p50 ${fmt(r.whole.p50)} ms  p95 ${fmt(r.whole.p95)} ms  p99 ${fmt(r.whole.p99)} ms   peak RSS ${fmt(run.peakRssMb, 0)} MB`,
    );
    console.log(`${kind}: ${run.checks}`);
    console.log(`${kind}: ${run.cpu}`);
    if (Object.keys(r.failures).length) console.log(`${kind}: failures`, r.failures);
    if (run.queriesPerSubmission !== null) console.log(`${kind}: ${fmt(run.queriesPerSubmission, 1)} SQL statements per submission (all 7 requests, BEGIN/COMMIT included)`);
    if (run.profileDir) console.log(`${kind}: CPU profile in ${run.profileDir}: ${readdirSync(run.profileDir).join(', ')}`);
    console.log(`${kind}: ratio submissions/commits ${fmt(r.perSecond / run.commitsPerSecond, 3)}`);
  }
  const pgRun = runs.find((r) => r.kind === 'pg') ?? runs[0]!;
  const ratio = pgRun.result.perSecond / pgRun.commitsPerSecond;
  if (pgRun.kind === 'pg') {
    const met = ratio >= 0.3 && pgRun.result.submit.p95 <= 150;
    console.log(`target on PostgreSQL (ratio ≥ 0.30, submit p95 ≤ 150 ms): ${met ? 'met' : 'NOT met'} (ratio ${fmt(ratio, 3)}, p95 ${fmt(pgRun.result.submit.p95)} ms)`);
    console.log(`peak RSS target on PostgreSQL (≤ 400 MB): ${pgRun.peakRssMb <= 400 ? 'met' : 'NOT met'} (${fmt(pgRun.peakRssMb, 0)} MB)`);
  }
  console.log(`ratio: ${fmt(ratio, 3)}`);
}

// Run as the load driver.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await drive(JSON.parse(process.argv[2] ?? '{}') as DriverOptions);
  writeFileSync(1, `${JSON.stringify(result)}\n`);
  process.exit(0);
}
