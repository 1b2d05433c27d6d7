import { describe, expect, it } from 'vitest';
import { benchmarks } from './benchmarks.ts';
import { load, parseOptions, percentile } from './support.ts';

// The benchmarks themselves run with `npm run bench`, never in the test suite; this proves they load.
describe('benchmarks', () => {
  it('are importable under the names `npm run bench -- <name>` accepts', () => {
    expect(Object.keys(benchmarks)).toEqual(['home', 'logins', 'memory', 'submissions', 'inbox', 'documents']);
    for (const run of Object.values(benchmarks)) expect(typeof run).toBe('function');
  });

  it('read their names and options from the command line', () => {
    expect(parseOptions(['memory', '--minutes', '10', '--db', 'pg'])).toEqual({ names: ['memory'], options: { minutes: '10', db: 'pg' } });
    expect(parseOptions(['home', '--verbose'])).toEqual({ names: ['home'], options: { verbose: 'true' } });
  });

  it('compute nearest-rank percentiles', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 95)).toBe(95);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('only ever load an address on this machine', async () => {
    await expect(load({ url: 'http://192.168.1.10/', connections: 1, seconds: 1 })).rejects.toThrow(/only load 127\.0\.0\.1/);
  });
});
