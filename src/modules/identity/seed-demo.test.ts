import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { isValidCnp } from '../../platform/ids/cnp.ts';
import { isValidCui } from '../../platform/ids/cui.ts';
import { DEMO, demoDepartmentId } from '../organisation/seed-demo.ts';
import { DEMO_ACCOUNTS, DEMO_COMPANY, DEMO_PASSWORD, type DemoAccount, demoTotpCode } from './seed-demo.ts';

let t: TestApp;
let clock = Date.now();

beforeAll(async () => {
  t = await startTestApp({ workers: false });
  t.deps.now = () => new Date(clock);
});
afterAll(async () => t?.stop());

describe('demo accounts', () => {
  it('all sign in with the documented password; officials and Ion also with the documented TOTP secret', async () => {
    for (const a of Object.values(DEMO_ACCOUNTS) as DemoAccount[]) {
      clock += 30_000;
      const c = t.client();
      await c.get('/autentificare');
      const first = await c.post('/autentificare', { email: a.email, password: DEMO_PASSWORD });
      if (a.totpSecret) {
        expect(first.location, a.email).toBe('/autentificare/doi-factori');
        await c.get('/autentificare/doi-factori');
        const second = await c.post('/autentificare/doi-factori', { code: demoTotpCode(new Date(clock)) });
        // Officials land at their desk, citizens in their account.
        expect(second.location, a.email).toBe(a.official ? '/birou' : '/cont');
      } else {
        expect(first.location, a.email).toBe('/cont');
      }
      const account = await c.get('/cont');
      expect(account.status, a.email).toBe(200);
      expect(account.body).toContain(a.displayName);
    }
  });

  it('has one official of Primăria Sectorului 5 per role, scoped as documented, all with two-factor on', async () => {
    const rows = await t.database.query<{ account_id: string; role: string; department_id: string | null; totp: boolean; official: boolean }>(
      `SELECT m.account_id, m.role, m.department_id, a.totp_enabled_at IS NOT NULL AS totp, a.is_official AS official
         FROM membership m JOIN account a ON a.id = m.account_id WHERE m.institution_id = $1 AND m.revoked_at IS NULL`,
      [DEMO.sector5],
    );
    // The public-information compartment's one official, besides the one official per role.
    const info = rows.filter((r) => r.account_id === DEMO_ACCOUNTS.publicInformation.id);
    expect(info.map((r) => [r.role, r.department_id]).sort()).toEqual([
      ['head_of_department', demoDepartmentId(DEMO.sector5, 'INFO')],
      ['inspector', demoDepartmentId(DEMO.sector5, 'INFO')],
    ]);
    const byRole = new Map(rows.filter((r) => !info.includes(r)).map((r) => [r.role, r]));
    expect([...byRole.keys()].sort()).toEqual(
      ['administrator', 'archivist', 'deputy_mayor', 'director', 'head_of_department', 'inspector', 'mayor', 'registry_clerk', 'secretary_general'].sort(),
    );
    const d = (code: string) => demoDepartmentId(DEMO.sector5, code);
    expect(byRole.get('inspector')?.department_id).toBe(d('CU'));
    expect(byRole.get('head_of_department')?.department_id).toBe(d('CU'));
    expect(byRole.get('registry_clerk')?.department_id).toBe(d('REG'));
    expect(byRole.get('director')?.department_id).toBe(d('DGU'));
    for (const role of ['mayor', 'secretary_general', 'administrator']) expect(byRole.get(role)?.department_id).toBeNull();
    expect(rows.every((r) => r.totp && r.official)).toBe(true);
    for (const a of Object.values(DEMO_ACCOUNTS) as DemoAccount[]) if (a.official) expect(a.email).toMatch(/@(primaria5|dgitl5)\.demo$/);
  });

  it('has citizens with valid CNPs, verified emails, and Construct Demo SRL represented by Maria', async () => {
    expect(isValidCnp(DEMO_ACCOUNTS.ion.person.cnp)).toBe(true);
    expect(isValidCnp(DEMO_ACCOUNTS.maria.person.cnp)).toBe(true);
    expect(isValidCui(DEMO_COMPANY.cui)).toBe(true);
    const unverified = await t.database.query("SELECT email FROM account WHERE email LIKE '%.demo' AND email_verified_at IS NULL");
    expect(unverified).toEqual([]);
    const reps = await t.database.query<{ name: string; cui: string; status: string; account_id: string }>(
      'SELECT c.name, c.cui, r.status, r.account_id FROM company_representative r JOIN company c ON c.id = r.company_id',
    );
    expect(reps).toContainEqual({ name: 'Construct Demo SRL', cui: DEMO_COMPANY.cui, status: 'active', account_id: DEMO_ACCOUNTS.maria.id });
  });
});
