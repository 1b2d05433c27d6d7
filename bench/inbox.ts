import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db } from '../src/db/database.ts';
import * as schema from '../src/db/schema.ts';
import { loadInstitution } from '../src/modules/admin/load-institution.ts';
import { findCase } from '../src/modules/cases/store.ts';
import { findInbox, type InboxQuery, parseSearch } from '../src/modules/inbox/domain/inboxes.ts';
import { countInbox, type InboxFilter, listInbox } from '../src/modules/inbox/store.ts';
import { defaultPeriod } from '../src/modules/reports/domain/period.ts';
import { getManagementReport } from '../src/modules/reports/get-management-report.ts';
import type { Actor, Membership } from '../src/platform/auth/actor.ts';
import { DEMO } from '../src/modules/organisation/seed-demo.ts';
import { stepDueSoonUntil } from '../src/modules/workflow/send-step-reminders.ts';
import { bucharestDay } from '../src/platform/calendar/calendar.ts';
import { createBenchDatabase, fmt, percentile } from './support.ts';

/*
 * The inboxes at the size of a large city hall: 1,000,000 cases and 10,000,000 case actions in Primăria Sectorului 5
 * (demo), spread over the departments that own its services, worked by ~200 synthetic officials. PostgreSQL only:
 * a fresh database is created, migrated (every migration, so every index the app has), loaded and dropped.
 *
 * Loading: INSERT … SELECT FROM generate_series in batches, into the app's normal (logged) tables. To keep the load
 * within minutes on 2 cores, the bench (1) drops the secondary indexes of case, case_action and registry_entry and
 * recreates them from their own definitions (pg_get_indexdef) after the load, and (2) loads with
 * `session_replication_role = replica`, which skips the foreign-key triggers (the generated rows reference rows that
 * exist). The measured schema is exactly the migrated one. VACUUM ANALYZE after the load (as autovacuum would).
 *
 * Measured, one query at a time on one connection, with the inbox module's own store functions (`listInbox` and
 * `countInbox` of src/modules/inbox/store.ts, imported, not copied) and its filter built the way list-inbox.ts builds
 * it: a page = listInbox (25 rows) + countInbox (capped at 10,000), as listInboxPage runs them.
 *   - department inbox "compartiment" of a random head of department: page 1, page 5, page 1 with a name search;
 *   - "sarcinile-mele" (my tasks) of a random inspector: page 1, page 5, page 1 with a name search;
 *   - the primary-key lookup of a random case (`findCase` of the cases store).
 * Last line: `ratio: <p95 of all inbox pages ÷ p95 pk lookup>`. Target: inbox page p95 ≤ 100 ms.
 *
 * Then the management report of src/modules/reports (getManagementReport, its five queries) for the whole institution and
 * for one head of department, last 90 days (--report-runs N, default 5).
 *
 * Options: --cases N (default 1,000,000), --actions-per-case N (default 10), --officials N (default 200),
 * --samples N (pages per scenario, default 200), --batch N (cases per INSERT, default 100,000), --explain (print
 * EXPLAIN (ANALYZE, BUFFERS) of the slowest scenario's queries), --keep (do not drop the database; prints its URL).
 */

const FIRST_NAMES = ['Ion', 'Maria', 'Andrei', 'Elena', 'Ștefan', 'Ioana', 'Mihai', 'Ana', 'Gheorghe', 'Cristina', 'Vasile', 'Mădălina', 'Alexandru', 'Ramona', 'Cătălin', 'Daniela', 'Florin', 'Irina', 'Bogdan', 'Oana'];
const LAST_NAMES = [
  'Popescu', 'Ionescu', 'Popa', 'Pop', 'Radu', 'Dumitru', 'Stan', 'Stoica', 'Gheorghe', 'Matei', 'Ciobanu', 'Rusu', 'Mihai', 'Constantin', 'Marin', 'Țăranu',
  'Șerban', 'Lazăr', 'Munteanu', 'Dobre', 'Barbu', 'Nistor', 'Florea', 'Ene', 'Dinu', 'Tudor', 'Moldovan', 'Preda', 'Toma', 'Neagu', 'Cristea', 'Ursu',
  'Iordache', 'Sandu', 'Vlad', 'Enache', 'Răducanu', 'Bălan', 'Coman', 'Năstase', 'Pîrvu', 'Zamfir', 'Oprea', 'Mocanu', 'Diaconu', 'Voicu', 'Manea', 'Anghel',
];
/** Surnames searched, as typed (the search folds them like the case's search_name). */
const SEARCHED = ['popescu', 'Țăranu', 'barbu', 'năstase', 'ursu', 'Moldovan'];

const sqlText = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}]`;
const uuidOf = (prefix: string, expr: string) => `('${prefix}' || lpad(to_hex(${expr}), 12, '0'))::uuid`;
const CASE_ID = (expr: string) => uuidOf('ca5e0000-0000-4000-8000-', expr);
const ENTRY_ID = (expr: string) => uuidOf('e0e00000-0000-4000-8000-', expr);
const OFFICIAL_ID = (expr: string) => uuidOf('b0000000-0000-4000-8000-', expr);

type Timing = { label: string; seconds: number };

async function timed<T>(timings: Timing[], label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await fn();
  const seconds = (performance.now() - t0) / 1000;
  timings.push({ label, seconds });
  console.log(`  ${label.padEnd(48)} ${fmt(seconds, 1).padStart(7)} s`);
  return r;
}

const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024, 0)} MB`;

async function load(client: pg.Client, o: { cases: number; actionsPerCase: number; officials: number; batch: number; now: Date }, timings: Timing[]) {
  const q = (text: string, params?: unknown[]) => client.query(text, params);
  await q("SET session_replication_role = 'replica'");
  await q("SET maintenance_work_mem = '512MB'");
  await q("SET work_mem = '64MB'");

  // The services of the institution and the departments that own them; officials per department.
  await q(
    `CREATE TEMP TABLE bench_svc AS
     WITH svc AS (
       SELECT v.id AS version_id, d.id AS department_id, greatest((v.definition->'term'->>'days')::int, 1) AS term_days,
              v.definition->'term'->>'unit' AS term_unit, v.definition->>'caseKind' AS kind, s.code
       FROM service s JOIN service_version v ON v.id = s.published_version_id
       JOIN department d ON d.institution_id = s.institution_id AND d.code = v.definition->>'departmentCode'
       WHERE s.institution_id = $1)
     SELECT (row_number() OVER (ORDER BY code))::int - 1 AS n, svc.*, (dense_rank() OVER (ORDER BY department_id))::int - 1 AS dn FROM svc`,
    [DEMO.sector5],
  );
  const [{ services, departments }] = (await q('SELECT count(*)::int AS services, count(DISTINCT department_id)::int AS departments FROM bench_svc')).rows;
  const perDept = Math.max(2, Math.ceil(o.officials / departments));
  console.log(`  ${services} services in ${departments} departments; ${perDept * departments} officials (${perDept} per department: 1 head, ${perDept - 1} inspectors)`);
  await timed(timings, 'officials (accounts + memberships)', async () => {
    await q(
      `CREATE TEMP TABLE bench_official AS
       SELECT d.department_id, d.dn, k, ${OFFICIAL_ID('d.dn * 1000 + k')} AS account_id, CASE WHEN k = 0 THEN 'head_of_department' ELSE 'inspector' END AS role
       FROM (SELECT DISTINCT department_id, dn FROM bench_svc) d CROSS JOIN generate_series(0, $1 - 1) k`,
      [perDept],
    );
    await q(
      `INSERT INTO account (id, email, email_verified_at, password_hash, display_name, is_official, created_at, updated_at)
       SELECT account_id, 'oficial' || dn || '-' || k || '@bench.demo', now(), 'not-a-hash', (${sqlText(FIRST_NAMES)})[1 + (dn * 7 + k) % ${FIRST_NAMES.length}] || ' ' || (${sqlText(LAST_NAMES)})[1 + (dn * 13 + k * 3) % ${LAST_NAMES.length}], true, now(), now()
       FROM bench_official`,
    );
    await q(
      `INSERT INTO membership (id, account_id, institution_id, department_id, role, created_at)
       SELECT account_id, account_id, $1, department_id, role, now() FROM bench_official`,
      [DEMO.sector5],
    );
  });

  // Secondary indexes are rebuilt after the load from their own definitions (constraint indexes stay).
  const indexes = (
    await q(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
       WHERE i.indrelid IN ('"case"'::regclass, 'case_action'::regclass, 'registry_entry'::regclass)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    )
  ).rows as { name: string; def: string }[];
  for (const ix of indexes) await q(`DROP INDEX ${ix.name}`);

  const spanDays = 3 * 365;
  const nowIso = o.now.toISOString();
  const step = (spanDays * 86400) / o.cases;
  // Step codes: 0 registry, 1 assign, 2 analysis, 3 awaiting the applicant, 4 approval, 5 signature, 6 issue (open);
  // 10 issued, 11 rejected, 12 withdrawn, 13 archived (closed). Recent cases are mostly open, old ones mostly closed.
  const gen = `
    SELECT g.*, s.version_id, s.department_id, s.dn, s.term_days, s.term_unit, s.kind,
      CASE WHEN g.open THEN (CASE WHEN g.q < 0.08 THEN 0 WHEN g.q < 0.20 THEN 1 WHEN g.q < 0.70 THEN 2 WHEN g.q < 0.78 THEN 3 WHEN g.q < 0.88 THEN 4 WHEN g.q < 0.95 THEN 5 ELSE 6 END)
           ELSE (CASE WHEN g.q < 0.85 THEN 10 WHEN g.q < 0.93 THEN 11 WHEN g.q < 0.95 THEN 12 ELSE 13 END) END AS code,
      ${OFFICIAL_ID(`s.dn * 1000 + 1 + (g.i % ${perDept - 1})`)} AS inspector
    FROM (
      SELECT i, ts, floor(random() * ${services})::int AS sn, random() AS q, random() AS late,
        CASE WHEN ts > '${nowIso}'::timestamptz - interval '60 days' THEN random() < 0.75 ELSE random() < 0.01 END AS open,
        (${sqlText(FIRST_NAMES)})[1 + floor(random() * ${FIRST_NAMES.length})::int] || ' ' || (${sqlText(LAST_NAMES)})[1 + floor(random() * ${LAST_NAMES.length})::int] AS name,
        greatest(2, ${o.actionsPerCase} - 2 + i % 5) AS k
      FROM (SELECT i, '${nowIso}'::timestamptz - interval '${spanDays} days' + (i - 1) * interval '${step} seconds' AS ts FROM generate_series($1::int, $2::int) i) x
    ) g JOIN bench_svc s ON s.n = g.sn`;

  let actions = 0;
  for (let lo = 1; lo <= o.cases; lo += o.batch) {
    const hi = Math.min(o.cases, lo + o.batch - 1);
    await timed(timings, `cases ${lo}–${hi}`, async () => {
      await q('DROP TABLE IF EXISTS bench_gen');
      await q(`CREATE TEMP TABLE bench_gen AS ${gen}`, [lo, hi]);
      await q(
        `INSERT INTO registry_entry (id, institution_id, year, number, registered_at, registered_on, direction, channel, issuer_name, summary, department_id, case_id, created_at)
         SELECT ${ENTRY_ID('i')}, $1, extract(year FROM ts AT TIME ZONE 'Europe/Bucharest')::int, i, ts, (ts AT TIME ZONE 'Europe/Bucharest')::date, 'incoming',
           CASE WHEN i % 3 = 0 THEN 'counter' ELSE 'online' END, name, 'Cerere', department_id, ${CASE_ID('i')}, ts
         FROM bench_gen`,
        [DEMO.sector5],
      );
      await q(
        `INSERT INTO "case" (id, institution_id, service_version_id, kind, tracking_code, registry_entry_id, applicant, answers, channel, submitted_at,
           department_id, status, assignee_id, due_on, fee_bani, updated_at, step_key, step_role, step_department_id, step_assignee_id, step_due_on, step_queue, step_seq)
         SELECT ${CASE_ID('i')}, $1, version_id, kind, 'T' || lpad(i::text, 7, '0'), ${ENTRY_ID('i')},
           jsonb_build_object('kind', 'person', 'name', name, 'cnp', '1' || lpad((i::bigint * 7919 % 1000000000000)::text, 12, '0'),
             'email', 'solicitant' || i || '@exemplu.ro', 'phone', '07' || lpad((i % 100000000)::text, 8, '0'), 'address', 'Str. Fabrica de Chibrituri nr. ' || (i % 200) || ', Sector 5, București'),
           jsonb_build_object('subject', 'Cerere nr. ' || i, 'purpose', 'construire'),
           CASE WHEN i % 3 = 0 THEN 'counter' ELSE 'online' END, ts, department_id,
           CASE code WHEN 0 THEN 'registered' WHEN 1 THEN 'registered' WHEN 2 THEN 'assigned' WHEN 3 THEN 'awaiting_applicant' WHEN 4 THEN 'in_approval'
             WHEN 5 THEN 'approved' WHEN 6 THEN 'signed' WHEN 10 THEN 'issued' WHEN 11 THEN 'rejected' WHEN 12 THEN 'withdrawn' ELSE 'archived' END,
           CASE WHEN code IN (0, 1, 12) THEN NULL ELSE inspector END,
           (ts AT TIME ZONE 'Europe/Bucharest')::date + (CASE WHEN term_unit = 'working' THEN ceil(term_days * 1.4)::int ELSE term_days END) + 1,
           0,
           CASE WHEN code >= 10 THEN ts + (term_days * (0.2 + late)) * interval '1 day' ELSE ts + interval '1 hour' END,
           CASE WHEN code >= 10 THEN 'emitere' ELSE (ARRAY['registratura','repartizare','analiza','analiza','aprobare','semnare','emitere'])[code + 1] END,
           CASE code WHEN 0 THEN 'registry_clerk' WHEN 1 THEN 'head_of_department' WHEN 2 THEN 'inspector' WHEN 3 THEN 'inspector' WHEN 4 THEN 'head_of_department'
             WHEN 5 THEN 'mayor' WHEN 6 THEN 'registry_clerk' ELSE NULL END,
           CASE WHEN code BETWEEN 1 AND 4 THEN department_id ELSE NULL END,
           CASE WHEN code IN (2, 3) THEN inspector ELSE NULL END,
           CASE WHEN code < 10 THEN (ts AT TIME ZONE 'Europe/Bucharest')::date + 2 + 2 * code ELSE NULL END,
           CASE WHEN code = 0 THEN 'route' WHEN code = 1 THEN 'assign' WHEN code IN (2, 3, 4) THEN 'work' WHEN code = 5 THEN 'sign' WHEN code = 6 THEN 'issue' ELSE 'closed' END,
           k
         FROM bench_gen`,
        [DEMO.sector5],
      );
      const r = await q(
        `INSERT INTO case_action (case_id, seq, type, at, day, actor_id, transaction_id, payload)
         SELECT id, s, type, at, (at AT TIME ZONE 'Europe/Bucharest')::date, CASE WHEN s = 1 THEN NULL ELSE assignee_id END,
           left(id::text, 30) || lpad(s::text, 6, '0'),
           CASE WHEN type = 'assigned' AND assignee_id IS NOT NULL THEN jsonb_build_object('assigneeId', assignee_id) ELSE '{}'::jsonb END
         FROM (
           SELECT c.id, c.assignee_id, s,
             CASE WHEN s = 1 THEN 'submitted'
                  WHEN s = c.step_seq AND c.status IN ('issued', 'rejected', 'withdrawn', 'archived') THEN c.status
                  WHEN s = c.step_seq - 1 AND c.status = 'archived' THEN 'issued'
                  ELSE (ARRAY['forwarded','assigned','message','sent_for_approval','approved','message','completion_requested','completed','returned','message'])[1 + s % 10] END AS type,
             c.submitted_at + (c.updated_at - c.submitted_at) * ((s - 1)::float8 / greatest(c.step_seq - 1, 1)) AS at
           FROM "case" c CROSS JOIN LATERAL generate_series(1, c.step_seq) s
           WHERE c.id BETWEEN ${CASE_ID('$1::int')} AND ${CASE_ID('$2::int')}
         ) a`,
        [lo, hi],
      );
      actions += r.rowCount ?? 0;
    });
  }
  await q('DROP TABLE IF EXISTS bench_gen');
  await q("SET session_replication_role = 'origin'");
  for (const ix of indexes) await timed(timings, `index ${ix.name}`, () => q(ix.def));
  await timed(timings, 'VACUUM ANALYZE', async () => {
    for (const t of ['"case"', 'case_action', 'registry_entry', 'account', 'membership']) await q(`VACUUM (ANALYZE) ${t}`);
  });
  return { actions, perDept };
}

type Scenario = { label: string; inbox: 'compartiment' | 'sarcinile-mele'; page: number; search: boolean };

const SCENARIOS: Scenario[] = [
  { label: 'department inbox, page 1', inbox: 'compartiment', page: 1, search: false },
  { label: 'department inbox, page 5', inbox: 'compartiment', page: 5, search: false },
  { label: 'department inbox, page 1, name search', inbox: 'compartiment', page: 1, search: true },
  { label: 'my tasks, page 1', inbox: 'sarcinile-mele', page: 1, search: false },
  { label: 'my tasks, page 5', inbox: 'sarcinile-mele', page: 5, search: false },
  { label: 'my tasks, page 1, name search', inbox: 'sarcinile-mele', page: 1, search: true },
];

const PAGE_SIZE = 25;
const PAGE_COUNT_CAP = 10_000;

export async function inbox(options: Record<string, string>): Promise<void> {
  if (options.db && options.db !== 'pg') throw new Error('the inbox benchmark runs on PostgreSQL only');
  const cases = Number(options.cases ?? 1_000_000);
  const actionsPerCase = Number(options['actions-per-case'] ?? 10);
  const officials = Number(options.officials ?? 200);
  const samples = Number(options.samples ?? 200);
  const batch = Number(options.batch ?? 100_000);
  const timings: Timing[] = [];
  const started = performance.now();
  const now = new Date();

  console.log(`Creating and migrating a PostgreSQL database, then ${cases.toLocaleString('en')} cases × ~${actionsPerCase} actions…`);
  const bench = await timed(timings, 'create, migrate, demo seed', () => createBenchDatabase('pg'));
  const client = new pg.Client({ connectionString: bench.env.DATABASE_URL });
  await client.connect();
  try {
    const sizeBefore = Number((await client.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n);
    const loadStart = performance.now();
    const { actions, perDept } = await load(client, { cases, actionsPerCase, officials, batch, now }, timings);
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const sizeAfter = Number((await client.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n);
    const sizes = (
      await client.query(
        `SELECT relname AS name, pg_table_size(oid) AS heap, pg_indexes_size(oid) AS indexes FROM pg_class WHERE relname IN ('case', 'case_action', 'registry_entry') ORDER BY relname`,
      )
    ).rows as { name: string; heap: string; indexes: string }[];
    const [open] = (await client.query(`SELECT count(*) FILTER (WHERE step_queue <> 'closed')::int AS open, count(*)::int AS total FROM "case"`)).rows;
    console.log(`\nLoaded ${Number(open.total).toLocaleString('en')} cases (${Number(open.open).toLocaleString('en')} open) and ${actions.toLocaleString('en')} case actions in ${fmt(loadSeconds, 0)} s`);
    console.log(`Disk: database ${mb(sizeBefore)} → ${mb(sizeAfter)} (+${mb(sizeAfter - sizeBefore)})`);
    for (const s of sizes) console.log(`  ${s.name.padEnd(16)} table ${mb(Number(s.heap)).padStart(9)}   indexes ${mb(Number(s.indexes)).padStart(9)}`);

    // Queries run through a drizzle instance on the bench pool that remembers its last SQL (for EXPLAIN).
    let last: { sql: string; params: unknown[] }[] = [];
    const db = drizzle(bench.database.pool!, { schema, logger: { logQuery: (sql, params) => last.push({ sql, params }) } }) as unknown as Db;
    const inst = (await loadInstitution(db, DEMO.sector5))!;
    const descendants = (root: string) => inst.departments.filter((d) => inst.pathOf(d.id).includes(root)).map((d) => d.id);
    const people = (await client.query('SELECT account_id, department_id, role FROM bench_official ORDER BY account_id')).rows as { account_id: string; department_id: string; role: string }[];
    const heads = people.filter((p) => p.role === 'head_of_department');
    const inspectors = people.filter((p) => p.role === 'inspector');
    const today = bucharestDay(now);
    const pick = <T,>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
    /** The filter list-inbox.ts builds for one membership (filterFor, replicated: it is not exported). */
    const filterOf = (p: { account_id: string; department_id: string; role: string }, q: string | undefined): InboxFilter => ({
      institutionId: DEMO.sector5,
      accountId: p.account_id,
      pools: [{ role: p.role, departmentIds: descendants(p.department_id) }],
      doneDepartments: descendants(p.department_id),
      today,
      dueSoonUntil: stepDueSoonUntil(today),
      search: parseSearch(q),
      serviceCode: null,
      // The bench has no answers being signed: no signature asked again behind a case (listCasesAwaitingSignatureOf).
      signatureCaseIds: [],
    });
    const runPage = async (s: Scenario) => {
      const who = pick(s.inbox === 'compartiment' ? heads : inspectors);
      const f = filterOf(who, s.search ? pick(SEARCHED) : undefined);
      const query: InboxQuery = findInbox(s.inbox)!.query;
      last = [];
      const t0 = performance.now();
      const rows = await listInbox(db, query, f, { limit: PAGE_SIZE, offset: (s.page - 1) * PAGE_SIZE });
      const t1 = performance.now();
      const total = await countInbox(db, query, f, PAGE_COUNT_CAP);
      const t2 = performance.now();
      return { list: t1 - t0, count: t2 - t1, page: t2 - t0, rows: rows.length, total, queries: last };
    };

    console.log(`\nLatency, one query at a time (${samples} pages per scenario, random official each; a page = listInbox + countInbox):`);
    const all: number[] = [];
    let slowest: { label: string; p95: number; queries: { sql: string; params: unknown[] }[] } | null = null;
    for (const s of SCENARIOS) {
      for (let i = 0; i < 10; i++) await runPage(s); // warm-up
      const list: number[] = [];
      const count: number[] = [];
      const page: number[] = [];
      let rows = 0;
      let total = 0;
      let worst: { ms: number; queries: { sql: string; params: unknown[] }[] } = { ms: -1, queries: [] };
      for (let i = 0; i < samples; i++) {
        const r = await runPage(s);
        list.push(r.list);
        count.push(r.count);
        page.push(r.page);
        rows += r.rows;
        total += r.total;
        if (r.page > worst.ms) worst = { ms: r.page, queries: r.queries };
      }
      for (const xs of [list, count, page]) xs.sort((a, b) => a - b);
      all.push(...page);
      const p95 = percentile(page, 95);
      if (!slowest || p95 > slowest.p95) slowest = { label: s.label, p95, queries: worst.queries };
      console.log(
        `  ${s.label.padEnd(40)} page p50 ${fmt(percentile(page, 50)).padStart(6)}  p95 ${fmt(p95).padStart(6)}  p99 ${fmt(percentile(page, 99)).padStart(6)} ms` +
          `   (list p95 ${fmt(percentile(list, 95))}, count p95 ${fmt(percentile(count, 95))} ms; ${fmt(rows / samples, 1)} rows of ${fmt(total / samples, 0)} on average)`,
      );
    }

    // Primary-key lookups of random cases, through the cases store.
    const pk: number[] = [];
    for (let i = 0; i < Math.max(1000, samples * 5) + 50; i++) {
      const id = `ca5e0000-0000-4000-8000-${(1 + Math.floor(Math.random() * cases)).toString(16).padStart(12, '0')}`;
      const t0 = performance.now();
      const row = await findCase(db, id);
      const ms = performance.now() - t0;
      if (!row) throw new Error(`case ${id} not found`);
      if (i >= 50) pk.push(ms);
    }
    pk.sort((a, b) => a - b);
    all.sort((a, b) => a - b);
    console.log(`  ${'case by primary key (findCase)'.padEnd(40)} p50 ${fmt(percentile(pk, 50), 2).padStart(6)}  p95 ${fmt(percentile(pk, 95), 2).padStart(6)}  p99 ${fmt(percentile(pk, 99), 2).padStart(6)} ms   (${pk.length} lookups)`);
    const inboxP95 = percentile(all, 95);
    console.log(`  ${'all inbox pages'.padEnd(40)} page p50 ${fmt(percentile(all, 50)).padStart(6)}  p95 ${fmt(inboxP95).padStart(6)}  p99 ${fmt(percentile(all, 99)).padStart(6)} ms   target p95 ≤ 100 ms: ${inboxP95 <= 100 ? 'met' : 'NOT met'}`);

    // The management report (src/modules/reports) on the same data, last 90 days: the whole institution, one head.
    const actorOf = (accountId: string, membership: Membership): Actor => ({
      accountId,
      sessionId: 'bench',
      email: 'bench@bench.demo',
      displayName: 'Bench',
      locale: 'ro',
      isOfficial: true,
      emailVerified: true,
      totpEnabled: true,
      mfaPassed: true,
      memberships: [membership],
      ip: null,
    });
    const reportRuns = Number(options['report-runs'] ?? 5);
    for (const [label, actor] of [
      ['report, whole institution (mayor)', actorOf(heads[0]!.account_id, { institutionId: DEMO.sector5, departmentId: null, role: 'mayor' })],
      ['report, one department (head)', actorOf(heads[0]!.account_id, { institutionId: DEMO.sector5, departmentId: heads[0]!.department_id, role: 'head_of_department' })],
    ] as const) {
      const times: number[] = [];
      for (let i = 0; i < reportRuns + 1; i++) {
        const t0 = performance.now();
        await getManagementReport({ db, now: () => now }, actor, { period: defaultPeriod(today) });
        if (i > 0) times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      console.log(`  ${label.padEnd(40)} p50 ${fmt(percentile(times, 50)).padStart(6)}  max ${fmt(times.at(-1)!).padStart(6)} ms   (${reportRuns} runs, 5 queries each: 3 tables)`);
    }

    if (options.explain && slowest) {
      console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of the slowest sample of "${slowest.label}":`);
      for (const q of slowest.queries) {
        const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params);
        console.log(`\n${q.sql}\n${plan.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n')}`);
      }
    }

    console.log(`\nTimes: load ${fmt(loadSeconds, 0)} s, whole bench ${fmt((performance.now() - started) / 1000, 0)} s; ${perDept} officials per department.`);
    console.log(`ratio: ${fmt(inboxP95 / percentile(pk, 95), 2)}`);
  } finally {
    await client.end();
    await bench.close();
    if (options.keep) console.log(`kept: ${bench.env.DATABASE_URL}`);
    else await bench.drop();
  }
}
