#!/usr/bin/env node
// `primaria <command>`: the compiled platform in dist/, made by `npm run build`. Always dist/, never the
// TypeScript sources: `npm start` and `npm run primaria -- <command>` run src/ through tsx for development.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const main = join(root, 'dist', 'main.js');
const src = join(root, 'src');

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(`primaria needs Node.js 24 or newer, this is ${process.version}: run it as \`npx primaria\` in the project (it uses the project's own Node.js) or install Node.js 24.`);
  process.exit(1);
}
if (!existsSync(main)) {
  console.error(`No build at ${main}: run \`npm run build\` first (or \`npm start\` to try the platform from its sources).`);
  process.exit(1);
}
// A reminder, never a decision: what runs is always dist/.
if (existsSync(src)) {
  const built = statSync(main).mtimeMs;
  const changed = readdirSync(src, { recursive: true, withFileTypes: true }).find(
    (e) => e.isFile() && !/\.test\.tsx?$/.test(e.name) && statSync(join(e.parentPath, e.name)).mtimeMs > built,
  );
  if (changed) console.error(`warning: ${join(changed.parentPath, changed.name)} is newer than dist/: run \`npm run build\` to run the current sources.`);
}
await import(pathToFileURL(main).href);
