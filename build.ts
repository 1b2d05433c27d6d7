/**
 * The production build: `npm run build` (or `tsx build.ts [outdir]`, default `dist/`).
 *
 * One ESM bundle of the server entry (`src/main.ts` → `<outdir>/main.js` and its source map); packages stay in
 * node_modules. The code reads some files relative to its own module (`new URL('./migrations/', import.meta.url)`,
 * `createRequire(import.meta.url)`): in the bundle every module's `import.meta.url` is the URL its file has in the
 * mirrored tree (`src/db/migrate.ts` → `<outdir>/db/migrate.js`), and every file of src/ that is not TypeScript
 * (SQL migrations, web assets, anything added later) is copied to the same relative place, so those paths find the
 * same files from `<outdir>/` as from `src/`.
 */
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild, type Plugin } from 'esbuild';

const ROOT = dirname(fileURLToPath(import.meta.url));
const SRC = join(ROOT, 'src');
const isSource = (path: string) => /\.tsx?$/.test(path);

/** Gives each bundled module of src/ the `import.meta.url` its compiled file would have in the mirrored tree. */
const moduleUrls: Plugin = {
  name: 'module-urls',
  setup(b) {
    b.onLoad({ filter: /\.tsx?$/ }, (args) => {
      if (!args.path.startsWith(SRC + sep)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      const rel = relative(SRC, args.path).split(sep).join('/');
      if (/\bimport\.meta\.(dirname|filename)\b/.test(source)) {
        throw new Error(`${rel}: use import.meta.url (the build maps it to the file's place in dist/), not import.meta.dirname or import.meta.filename`);
      }
      const own = `new URL(${JSON.stringify(`./${rel.replace(/\.tsx?$/, '.js')}`)}, import.meta.url).href`;
      return { contents: source.replace(/\bimport\.meta\.url\b/g, own), loader: args.path.endsWith('.tsx') ? 'tsx' : 'ts' };
    });
  },
};

/** Builds into `outdir` (emptied first, so a deleted migration or asset does not survive in it). */
export async function build(outdir = join(ROOT, 'dist')): Promise<{ outdir: string; copied: string[] }> {
  const out = resolve(outdir);
  if (out === ROOT || ROOT.startsWith(out + sep) || out === SRC || out.startsWith(SRC + sep)) {
    throw new Error(`refusing to build into ${out}`);
  }
  rmSync(out, { recursive: true, force: true });
  await esbuild({
    entryPoints: { main: join(SRC, 'main.ts') },
    outdir: out,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node24',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    tsconfig: join(ROOT, 'tsconfig.json'),
    sourcemap: true,
    // Stack traces only need the mappings; the sources are in src/ next to dist/.
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [moduleUrls],
  });
  const copied: string[] = [];
  for (const entry of readdirSync(SRC, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || isSource(entry.name)) continue;
    const rel = relative(SRC, join(entry.parentPath, entry.name));
    cpSync(join(SRC, rel), join(out, rel));
    copied.push(rel.split(sep).join('/'));
  }
  return { outdir: out, copied };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  build(process.argv[2]).then(
    ({ outdir, copied }) => console.log(`Built ${relative(process.cwd(), join(outdir, 'main.js')) || outdir} and copied ${copied.length} files from src/ in ${Date.now() - started} ms.`),
    (err: Error) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
