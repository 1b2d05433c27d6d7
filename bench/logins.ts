import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_PARAMS } from '../src/platform/auth/password.ts';
import { BENCH_PASSWORD, createBenchDatabase, createCitizen, type DbKind, describeLoad, fmt, load, startApp } from './support.ts';

/** Runs `op` with `concurrency` calls in flight for about `seconds`; returns completed calls per second. */
export async function rate(op: () => Promise<unknown>, seconds: number, concurrency: number, maxOps = 100_000): Promise<number> {
  const started = performance.now();
  const until = started + seconds * 1000;
  let done = 0;
  const worker = async () => {
    while (performance.now() < until && done < maxOps) {
      await op();
      done++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return done / ((performance.now() - started) / 1000);
}

/**
 * argon2id at the OWASP parameters (m = 19456 KiB, t = 2, p = 1): raw hashes and verifications per second on
 * this machine, and HTTP sign-ins per second through POST /autentificare. The physical limit is the raw
 * verify rate with as many verifications in flight as the server can run (the libuv thread pool).
 */
export async function logins(options: Record<string, string>): Promise<void> {
  const seconds = Math.min(Number(options.seconds ?? 10), 600);
  const kind = (options.db ?? 'pg') as DbKind;
  const connections = Math.min(Number(options.connections ?? 8), 100);
  const stored = await hash(BENCH_PASSWORD, PASSWORD_PARAMS);
  const cores = (await import('node:os')).availableParallelism();
  console.log(`logins: argon2id m=${PASSWORD_PARAMS.memoryCost} t=${PASSWORD_PARAMS.timeCost} p=${PASSWORD_PARAMS.parallelism}, ${cores} cores`);
  const hashes1 = await rate(() => hash(BENCH_PASSWORD, PASSWORD_PARAMS), seconds / 2, 1);
  const verifies1 = await rate(() => verify(stored, BENCH_PASSWORD), seconds / 2, 1);
  const verifiesN = await rate(() => verify(stored, BENCH_PASSWORD), seconds, Math.max(2, cores));
  console.log(`raw hash, 1 at a time:         ${fmt(hashes1)} /s (${fmt(1000 / hashes1)} ms each)`);
  console.log(`raw verify, 1 at a time:       ${fmt(verifies1)} /s (${fmt(1000 / verifies1)} ms each)`);
  console.log(`raw verify, ${Math.max(2, cores)} in flight:      ${fmt(verifiesN)} /s  ← physical limit`);

  const db = await createBenchDatabase(kind);
  try {
    const citizen = await createCitizen(db.database);
    await db.close();
    const server = await startApp(db);
    try {
      const form = await fetch(`${server.url}/autentificare`);
      const html = await form.text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
      const anon = /pd_anon=([^;]+)/.exec(form.headers.get('set-cookie') ?? '')?.[1];
      if (form.status !== 200 || !csrf || !anon) {
        console.log('no sign-in page at /autentificare yet: only the raw figures above are measured');
        return;
      }
      const body = new URLSearchParams({ _csrf: csrf, email: citizen.email, password: BENCH_PASSWORD }).toString();
      const request = { method: 'POST', headers: { cookie: `pd_anon=${anon}`, 'content-type': 'application/x-www-form-urlencoded' }, body };
      const probe = await fetch(`${server.url}/autentificare`, { ...request, redirect: 'manual' });
      if (probe.status !== 303) {
        console.log(`POST /autentificare answered ${probe.status}, not 303: only the raw figures above are measured`);
        return;
      }
      const result = await load({ url: `${server.url}/autentificare`, connections, seconds, ...request });
      const ok = result.statuses['303'] ?? 0;
      const perSecond = ok / result.seconds;
      console.log(describeLoad(`POST /autentificare (${kind})`, result));
      console.log(`successful sign-ins: ${fmt(perSecond)} /s with ${connections} connections`);
      console.log(`ratio: ${fmt(perSecond / verifiesN, 3)}`);
    } finally {
      await server.stop();
    }
  } finally {
    await db.drop();
  }
}
