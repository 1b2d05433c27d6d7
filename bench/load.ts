import autocannon from 'autocannon';
import { percentile } from './support.ts';

/**
 * The load generator, run as its own process by bench/support.ts `load()`: autocannon for a fixed time and
 * connection count against one loopback URL; prints one JSON line with throughput and latency percentiles.
 */
type Options = { url: string; connections: number; seconds: number; method?: string; headers?: Record<string, string>; body?: string };

const options = JSON.parse(process.argv[2] ?? '{}') as Options;
const host = new URL(options.url).hostname;
if (host !== '127.0.0.1' && host !== 'localhost') throw new Error('loopback only');
const seconds = Math.min(Math.max(options.seconds, 1), 3600);

const latencies: number[] = [];
const statuses: Record<string, number> = {};
const started = process.hrtime.bigint();
const instance = autocannon({
  url: options.url,
  connections: Math.min(options.connections, 500),
  duration: seconds,
  method: (options.method ?? 'GET') as 'GET',
  headers: options.headers ?? {},
  ...(options.body ? { body: options.body } : {}),
  timeout: 30,
});
instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
  latencies.push(responseTime);
  statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
});
instance.on('done', (result: { errors: number; timeouts: number }) => {
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const out = {
    requests: latencies.length,
    seconds: elapsed,
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    statuses,
    errors: result.errors + result.timeouts,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
});
