import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../build.ts';
import { freePort } from '../support/oidc-provider.ts';
import { type RunningServer, startServer } from './support.ts';

/**
 * The production build as an operator uses it: `npm run build` writes dist/, and `primaria start` (bin/primaria.mjs)
 * runs it with plain Node — no TypeScript — on a new embedded database. Laid out as an install is:
 * `<dir>/bin/primaria.mjs`, `<dir>/dist/`, `<dir>/node_modules`, and no src/ for the built code to fall back on.
 */
const project = join(import.meta.dirname, '..', '..');
let dir: string;
let server: RunningServer | undefined;
let base: string;
let seeded = '';

/** `<dir>/bin/primaria.mjs`, the CLI exactly as shipped. */
function installBin(into: string): string {
  mkdirSync(join(into, 'bin'), { recursive: true });
  copyFileSync(join(project, 'bin', 'primaria.mjs'), join(into, 'bin', 'primaria.mjs'));
  return join(into, 'bin', 'primaria.mjs');
}

function runBin(bin: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 30_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pd-build-'));
  await build(join(dir, 'app', 'dist'));
  const bin = installBin(join(dir, 'app'));
  symlinkSync(join(project, 'node_modules'), join(dir, 'app', 'node_modules'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    SESSION_SECRET: randomBytes(24).toString('hex'),
    DATA_DIR: join(dir, 'data'),
    PORT: String(port),
    BASE_URL: base,
    LOG_LEVEL: 'info',
  };
  delete env.DATABASE_URL;
  delete env.OIDC_ISSUER;
  // A production start never loads the demo by itself (its accounts' secrets are published): asked for, as an evaluator does.
  seeded = await new Promise((resolve) => {
    execFile(process.execPath, [bin, 'seed', '--demo'], { env, cwd: dir, timeout: 120_000 }, (err, stdout, stderr) => resolve(`${stdout}${stderr}${err ? err.message : ''}`));
  });
  // Started from elsewhere than the project, so nothing can be found through the working directory.
  server = await startServer([bin, 'start'], { env, base, readyPath: '/ready', cwd: dir });
}, 150_000);

afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run build', () => {
  it('writes one JavaScript bundle with its source map, and the migrations and web assets beside it', () => {
    expect(existsSync(join(dir, 'app', 'dist', 'main.js'))).toBe(true);
    const map = JSON.parse(readFileSync(join(dir, 'app', 'dist', 'main.js.map'), 'utf8')) as { sources: string[] };
    expect(map.sources.some((s) => s.endsWith('src/main.ts'))).toBe(true);
    expect(map.sources.some((s) => s.endsWith('src/modules/catalog/views.tsx'))).toBe(true);
    const migrations = readdirSync(join(project, 'src', 'db', 'migrations'));
    expect(readdirSync(join(dir, 'app', 'dist', 'db', 'migrations')).sort()).toEqual(migrations.sort());
    expect(readdirSync(join(dir, 'app', 'dist', 'platform', 'web', 'assets')).sort()).toEqual(readdirSync(join(project, 'src', 'platform', 'web', 'assets')).sort());
  });
});

describe('primaria start, from dist/', () => {
  it('migrates a new embedded database, loads the demo and answers /ready', async () => {
    const res = await fetch(`${base}/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', database: 'pglite' });
    // The demo requests include a signed PDF: the fonts were found from dist/ too.
    expect(seeded).toContain('demo cases loaded');
    expect(seeded).toContain('Demo data loaded.');
    expect(seeded).not.toContain('demo cases not loaded');
  });

  it('renders the catalogue of services with every stylesheet, script and icon it links to', async () => {
    const res = await fetch(`${base}/servicii`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Certificat de urbanism');
    const assets = [...page.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual(expect.arrayContaining(['/assets/govuk-frontend.css', '/assets/app.css']));
    for (const path of new Set(assets)) {
      const asset = await fetch(`${base}${path}`);
      expect(asset.status, path).toBe(200);
      expect((await asset.text()).length, path).toBeGreaterThan(100);
    }
  });
});

describe('bin/primaria.mjs', () => {
  it('says to run npm run build first when there is no dist/', async () => {
    const bin = installBin(join(dir, 'unbuilt'));
    const { code, stderr } = await runBin(bin, ['--help']);
    expect(code).toBe(1);
    expect(stderr).toContain('run `npm run build` first');
  });

  it('runs dist/ even when src/ changed since the build, and says so', async () => {
    const stale = join(dir, 'stale');
    const bin = installBin(stale);
    mkdirSync(join(stale, 'dist'));
    mkdirSync(join(stale, 'src'));
    writeFileSync(join(stale, 'dist', 'main.js'), `console.log('the built code');\n`);
    utimesSync(join(stale, 'dist', 'main.js'), new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
    writeFileSync(join(stale, 'src', 'main.ts'), `console.log('the sources');\n`);
    const { code, stdout, stderr } = await runBin(bin, []);
    expect(code).toBe(0);
    expect(stdout).toBe('the built code\n');
    expect(stderr).toContain('is newer than dist/: run `npm run build`');
  });
});
