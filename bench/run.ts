import { benchmarks } from './benchmarks.ts';
import { parseOptions } from './support.ts';

const { names, options } = parseOptions(process.argv.slice(2));
const unknown = names.filter((n) => !(n in benchmarks));
if (unknown.length) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. Known: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(1);
}
for (const name of names.length ? names : Object.keys(benchmarks)) {
  console.log(`\n== ${name} (${new Date().toISOString()}) ==`);
  await benchmarks[name]!(options);
}
process.exit(0);
