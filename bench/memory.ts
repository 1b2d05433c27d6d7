import type { DbKind } from './support.ts';
import { fmt } from './support.ts';
import { measurePage } from './home.ts';

const LIMIT_MB = 300;

/**
 * The app server's resident memory under the signed-in page load (50 connections), sampled from
 * /proc/<pid>/status: peak (VmHWM), and RSS after the warm-up vs at the end to see growth in a soak.
 * `--minutes N` (default 1) per database; `--db pg|pglite` for one only.
 */
export async function memory(options: Record<string, string>): Promise<void> {
  const minutes = Math.min(Number(options.minutes ?? 1), 120);
  const kinds: DbKind[] = options.db ? [options.db as DbKind] : ['pglite', 'pg'];
  console.log(`memory: ${minutes} min of page load per database, 50 connections`);
  let pgPeak: number | null = null;
  for (const kind of kinds) {
    const run = await measurePage(kind, minutes * 60, 50, (rss) => console.log(`  ${kind}: RSS ${fmt(rss, 0)} MB`));
    const first = run.rss.find((s) => s.t >= run.rss[0]!.t + 2_000) ?? run.rss[0]!;
    const last = run.rss.at(-1)!;
    // Growth over the last half against the first half: a leak grows steadily, noise does not.
    const half = run.rss.filter((s) => s.t >= (first.t + last.t) / 2);
    const firstHalfMax = Math.max(...run.rss.filter((s) => s.t < (first.t + last.t) / 2).map((s) => s.rss));
    console.log(
      `${kind}: peak RSS ${fmt(run.peakRssMb, 0)} MB; RSS idle at start ${fmt(run.rss[0]!.rss, 0)} MB, after warm-up ${fmt(first.rss, 0)} MB, at the end ${fmt(last.rss, 0)} MB ` +
        `(max in first half ${fmt(firstHalfMax, 0)} MB, in second half ${fmt(Math.max(...half.map((s) => s.rss)), 0)} MB); ` +
        `${run.result.requests} requests at ${fmt(run.result.rps, 0)} req/s, p95 ${fmt(run.result.p95)} ms`,
    );
    if (kind === 'pg') pgPeak = run.peakRssMb;
  }
  if (pgPeak !== null) {
    console.log(`target on PostgreSQL (peak RSS ≤ ${LIMIT_MB} MB): ${pgPeak <= LIMIT_MB ? 'met' : 'NOT met'}`);
    console.log(`ratio: ${fmt(pgPeak / LIMIT_MB, 3)}`);
  }
}
