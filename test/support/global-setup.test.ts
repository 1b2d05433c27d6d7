import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { removeStaleTemplates } from './global-setup.ts';

/*
 * Every test run dumps its PGlite template into .tmp and removes it at its end; a run killed before its end leaves
 * it behind, and the next run removes it — but never the template of a run still going on beside it.
 */
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('removes the templates of runs whose process is gone and keeps those of live runs and other files', () => {
  dir = mkdtempSync(join(tmpdir(), 'pd-templates-'));
  const gone = spawnSync(process.execPath, ['-e', '']).pid!;
  for (const name of [`pglite-template-${gone}.tar.gz`, `pglite-template-${process.pid}.tar.gz`, 'pglite-template-x.tar.gz', 'notes.txt']) {
    writeFileSync(join(dir, name), '');
  }
  removeStaleTemplates(dir);
  expect(readdirSync(dir).sort()).toEqual([`pglite-template-${process.pid}.tar.gz`, 'notes.txt', 'pglite-template-x.tar.gz'].sort());
});
