import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ workers: false });
});
afterAll(async () => t?.stop());

describe('the institution every page names', () => {
  it('is shown renamed as soon as another process renames it, not a minute later', async () => {
    expect((await t.client().get('/')).body).toContain('<title>Acasă – Primăria Sectorului 5</title>');
    // As another web process does it: the row changes, this process only hears pd_config_changed.
    await t.database.db.execute(sql`UPDATE institution SET name = 'Primăria Sectorului 5 București', short_name = 'Primăria S5' WHERE slug = 'sector5'`);
    let title = '';
    for (let i = 0; i < 20 && !title.includes('Primăria S5'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      title = /<title>([^<]*)<\/title>/.exec((await t.client().get('/')).body)?.[1] ?? '';
    }
    expect(title).toBe('Acasă – Primăria S5');
  });
});
