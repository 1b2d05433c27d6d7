import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { isValidCnp } from '../../platform/ids/cnp.ts';
import { isValidCui } from '../../platform/ids/cui.ts';
import { loadInstitution } from '../admin/load-institution.ts';
import { listPublished } from '../catalog/store.ts';
import { DEMO_SERVICES } from '../catalog/seed-services.ts';
import { findInstitutionRoleHolders, findRoleHolders } from '../documents/store.ts';
import { DEMO, demoDepartmentId } from '../organisation/seed-demo.ts';
import { CONTACT_PETITION_SERVICE } from '../pages/send-contact-message.ts';
import { departmentStaffing } from '../workflow/department-staffing.ts';
import { getWorkflowFor } from '../workflow/step-context.ts';
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

  const membershipsOf = (institutionId: string) =>
    t.database.query<{ account_id: string; role: string; department_id: string | null; totp: boolean; official: boolean }>(
      `SELECT m.account_id, m.role, m.department_id, a.totp_enabled_at IS NOT NULL AS totp, a.is_official AS official
         FROM membership m JOIN account a ON a.id = m.account_id WHERE m.institution_id = $1 AND m.revoked_at IS NULL`,
      [institutionId],
    );
  /** The demo's heads of department who are also the department's inspector (one per department a service goes to). */
  const headInspectors = (Object.values(DEMO_ACCOUNTS) as DemoAccount[]).filter((a) => a.alsoRole === 'inspector');

  it('has one official of Primăria Sectorului 5 per role besides the heads (also inspectors) of departments, scoped as documented, all with two-factor on', async () => {
    const rows = await membershipsOf(DEMO.sector5);
    const d = (code: string) => demoDepartmentId(DEMO.sector5, code);
    // Each head-inspector holds exactly those two roles, in one department of their own.
    const heads = rows.filter((r) => headInspectors.some((a) => a.id === r.account_id));
    const headDepartments = new Map<string, string | null>();
    for (const a of headInspectors.filter((h) => h.membership?.institutionId === DEMO.sector5)) {
      const mine = heads.filter((r) => r.account_id === a.id);
      expect(mine.map((r) => [r.role, r.department_id]).sort(), a.email).toEqual([
        ['head_of_department', a.membership!.departmentId],
        ['inspector', a.membership!.departmentId],
      ]);
      headDepartments.set(a.membership!.departmentId!, a.email);
    }
    expect(headDepartments.get(d('INFO'))).toBe(DEMO_ACCOUNTS.publicInformation.email);
    expect([...headDepartments.keys()].sort()).toEqual(['INFO', 'REG', 'RP', 'ARH', 'SC', 'EP', 'AC', 'ACOM', 'PARC'].map(d).sort());
    // Everyone else: one official per role.
    const others = rows.filter((r) => !heads.includes(r));
    const byRole = new Map(others.map((r) => [r.role, r]));
    expect(others).toHaveLength(byRole.size);
    expect([...byRole.keys()].sort()).toEqual(
      ['administrator', 'archivist', 'deputy_mayor', 'director', 'head_of_department', 'inspector', 'mayor', 'registry_clerk', 'secretary_general'].sort(),
    );
    expect(byRole.get('inspector')?.department_id).toBe(d('CU'));
    expect(byRole.get('head_of_department')?.department_id).toBe(d('CU'));
    expect(byRole.get('registry_clerk')?.department_id).toBe(d('REG'));
    expect(byRole.get('director')?.department_id).toBe(d('DGU'));
    for (const role of ['mayor', 'secretary_general', 'administrator']) expect(byRole.get(role)?.department_id).toBeNull();
    expect(rows.every((r) => r.totp && r.official)).toBe(true);
    for (const a of Object.values(DEMO_ACCOUNTS) as DemoAccount[]) if (a.official) expect(a.email).toMatch(/@(primaria5|dgitl5|dgaspc5)\.demo$/);
  });

  it('gives DGITL and DGASPC Sector 5 their own registry clerk, a director general who signs for the institution and the heads (also inspectors) of their service departments', async () => {
    const expected = [
      {
        institutionId: DEMO.taxes,
        registry: DEMO_ACCOUNTS.taxesRegistryClerk,
        director: DEMO_ACCOUNTS.taxesDirector,
        heads: { 'IMP-PF': DEMO_ACCOUNTS.headLocalTaxes },
        other: [['administrator', DEMO_ACCOUNTS.taxesAdministrator]] as const,
      },
      {
        institutionId: DEMO.social,
        registry: DEMO_ACCOUNTS.socialRegistryClerk,
        director: DEMO_ACCOUNTS.socialDirector,
        heads: { BEN: DEMO_ACCOUNTS.headSocialBenefits, ANCH: DEMO_ACCOUNTS.headSocialInquiries },
        other: [] as const,
      },
    ];
    for (const e of expected) {
      const rows = await membershipsOf(e.institutionId);
      const got = rows.map((r) => [r.account_id, r.role, r.department_id]).sort();
      const want = [
        [e.registry.id, 'registry_clerk', null],
        [e.director.id, 'mayor', null],
        ...e.other.map(([role, a]) => [a.id, role, null]),
        ...Object.entries(e.heads).flatMap(([code, a]) => [
          [a.id, 'head_of_department', demoDepartmentId(e.institutionId, code)],
          [a.id, 'inspector', demoDepartmentId(e.institutionId, code)],
        ]),
      ].sort();
      expect(got).toEqual(want);
      expect(rows.every((r) => r.totp && r.official)).toBe(true);
    }
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

describe('the demo catalogue', () => {
  it('routes every published service (petitions, street reports, audiences and contact messages included) to a department where someone can take each step of its workflow', async () => {
    const published = await listPublished(t.deps.db);
    expect(published).toHaveLength(DEMO_SERVICES.length);
    expect(published.some((p) => p.institutionId === DEMO.sector5 && p.definition.code === CONTACT_PETITION_SERVICE)).toBe(true);
    const voids: string[] = [];
    for (const p of published) {
      const inst = (await loadInstitution(t.deps.db, p.institutionId))!;
      const department = inst.departments.find((d) => d.code === p.definition.departmentCode);
      if (!department) {
        voids.push(`${inst.institution.slug}/${p.definition.code}: no department ${p.definition.departmentCode}`);
        continue;
      }
      const { workflow } = await getWorkflowFor(t.deps.db, p.institutionId, p.definition.code);
      // Every step, whatever the form's answers: a step that applies only to some requests must have its people too.
      for (const step of workflow.steps) {
        const staffing = (await departmentStaffing(t.deps.db, { inst, row: { institutionId: p.institutionId } }, [step]))(department.id);
        if (!staffing.staffed) voids.push(`${inst.institution.slug}/${p.definition.code} (${department.code}): step ${step.key} needs a ${staffing.missingRole ?? 'official'}`);
      }
    }
    expect(voids).toEqual([]);
  });

  it('gives everyone who signs a demo answer a signing key, and every demo institution its seal', async () => {
    const keys = new Set((await t.database.query<{ account_id: string }>('SELECT account_id FROM signing_key')).map((r) => r.account_id));
    const unsigned = new Set<string>();
    for (const p of await listPublished(t.deps.db)) {
      const inst = (await loadInstitution(t.deps.db, p.institutionId))!;
      const department = inst.departments.find((d) => d.code === p.definition.departmentCode)!;
      const path = inst.pathOf(department.id);
      // The answer's signers: the inspector and the head of the case's department, the institution's mayor (or director general).
      const signers = [
        ...(await findRoleHolders(t.deps.db, { institutionId: p.institutionId, role: 'inspector', departmentIds: path })).slice(0, 1),
        ...(await findRoleHolders(t.deps.db, { institutionId: p.institutionId, role: 'head_of_department', departmentIds: path })).slice(0, 1),
        ...(await findInstitutionRoleHolders(t.deps.db, p.institutionId, 'mayor')).slice(0, 1),
      ];
      expect(signers.length, `${inst.institution.slug}/${p.definition.code}`).toBeGreaterThan(0);
      for (const s of signers) if (!keys.has(s.accountId)) unsigned.add(`${s.name} (${inst.institution.slug}/${department.code})`);
    }
    expect([...unsigned]).toEqual([]);
    const seals = await t.database.query<{ institution_id: string }>('SELECT institution_id FROM institution_seal');
    expect(seals.map((s) => s.institution_id).sort()).toEqual([DEMO.sector5, DEMO.taxes, DEMO.social].sort());
  });
});
