import { type BenchDatabase, cpuSplit, createBenchDatabase, describeCpu, PG_ADMIN_URL, createCitizen, type DbKind, describeLoad, fmt, type LoadResult, load, memorySampler, signedInPage, startApp, startServer } from './support.ts';

export type PageRun = { kind: DbKind; page: string; note: string; result: LoadResult; peakRssMb: number; rss: { t: number; rss: number; hwm: number }[]; cpu: string };

/**
 * The bare Fastify hello-world under the same load: the physical limit for serving a page here. With
 * `databaseUrl`, also the same server doing one `SELECT 1` per request (what a round trip costs).
 */
export async function measureHello(seconds: number, connections: number, databaseUrl?: string): Promise<{ hello: LoadResult; oneQuery: LoadResult | null }> {
  const server = await startServer(['bench/hello-server.ts'], databaseUrl ? { DATABASE_URL: databaseUrl } : {});
  try {
    await load({ url: `${server.url}/`, connections, seconds: 1 }); // warm-up
    const hello = await load({ url: `${server.url}/`, connections, seconds });
    const oneQuery = databaseUrl ? await load({ url: `${server.url}/db`, connections, seconds }) : null;
    return { hello, oneQuery };
  } finally {
    await server.stop();
  }
}

/**
 * The signed-in citizen home page served by the real app (`src/main.ts start`) as a child process on a
 * scratch database, while its memory is sampled from /proc.
 */
export async function measurePage(kind: DbKind, seconds: number, connections: number, onTick?: (rssMb: number) => void): Promise<PageRun> {
  let db: BenchDatabase | null = null;
  try {
    db = await createBenchDatabase(kind);
    const citizen = await createCitizen(db.database);
    await db.close(); // PGlite: one process at a time may open the data dir
    const server = await startApp(db);
    const sampler = memorySampler(server.pid);
    const tick = onTick ? setInterval(() => onTick(sampler.samples.at(-1)?.rss ?? 0), 60_000) : null;
    try {
      const cookie = `pd_session=${citizen.sessionToken}`;
      const { path, note } = await signedInPage(server.url, cookie, 'Ioana Bănică');
      await load({ url: server.url + path, connections, seconds: 2, headers: { cookie } }); // warm-up: JIT, pools
      const cpu = cpuSplit(server.pid);
      const result = await load({ url: server.url + path, connections, seconds, headers: { cookie } });
      const used = describeCpu(cpu.stop());
      const rss = sampler.stop();
      return { kind, page: path, note, result, peakRssMb: Math.max(...rss.map((s) => s.hwm)), rss, cpu: used };
    } finally {
      if (tick) clearInterval(tick);
      sampler.stop();
      await server.stop();
    }
  } finally {
    await db?.drop();
  }
}

export async function home(options: Record<string, string>): Promise<void> {
  const seconds = Math.min(Number(options.seconds ?? 10), 600);
  const connections = Math.min(Number(options.connections ?? 50), 200);
  console.log(`home: ${connections} connections, ${seconds} s per run, load from a second process (autocannon) on 127.0.0.1`);
  const { hello, oneQuery } = await measureHello(seconds, connections, PG_ADMIN_URL);
  console.log(describeLoad('Fastify hello-world', hello));
  if (oneQuery) console.log(describeLoad('Fastify + 1 SELECT 1 (pg)', oneQuery), '(reference only)');
  const runs: PageRun[] = [];
  for (const kind of ['pglite', 'pg'] as const) {
    const run = await measurePage(kind, seconds, connections);
    runs.push(run);
    console.log(describeLoad(`${run.page} signed in, ${kind}`, run.result), `peak RSS ${fmt(run.peakRssMb, 0)} MB`);
    console.log(`  ${run.cpu}`);
    if (run.result.statuses['200'] !== run.result.requests) console.log(`  warning: not every response was 200`);
  }
  console.log(`page: ${runs[0]!.note}`);
  for (const run of runs) console.log(`ratio page/hello on ${run.kind}: ${fmt(run.result.rps / hello.rps, 3)}`);
  const pg = runs.find((r) => r.kind === 'pg')!;
  const ratio = pg.result.rps / hello.rps;
  const met = ratio >= 0.25 && pg.result.p95 <= 50;
  console.log(`target on PostgreSQL (ratio ≥ 0.25, p95 ≤ 50 ms): ${met ? 'met' : 'NOT met'} (ratio ${fmt(ratio, 3)}, p95 ${fmt(pg.result.p95)} ms)`);
  console.log(`ratio: ${fmt(ratio, 3)}`);
}
