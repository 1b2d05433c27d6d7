import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { inviteOfficial } from '../admin/invite-official.ts';
import { createDraftVersion } from '../catalog/create-draft-version.ts';
import { createService } from '../catalog/create-service.ts';
import { servicesRoutedTo } from '../catalog/services-routed-to.ts';
import { findPublishedByCode } from '../catalog/store.ts';
import { updateDraft } from '../catalog/update-draft.ts';
import { openCase } from '../cases/open-case.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../identity/seed-demo.ts';
import { forwardEntry } from '../registry/forward-entry.ts';
import { registerEntry } from '../registry/register-entry.ts';
import { actOnStep } from '../workflow/act-on-step.ts';
import { DEFAULT_WORKFLOW } from '../workflow/domain/workflow-definition.ts';
import { getCaseWorkflow } from '../workflow/get-case-workflow.ts';
import { saveServiceWorkflow } from '../workflow/manage-workflow.ts';
import { addDepartment } from './add-department.ts';
import { changeDepartment, closeDepartment } from './change-department.ts';
import { DEMO, demoDepartmentId } from './seed-demo.ts';

/*
 * A department closed by the administrator while the registry forwards a case to it (or another administrator moves
 * or adds a department under it, or invites an official into it): one of the two loses cleanly. Either the close goes
 * first and the other is refused (the department is closed), or the other goes first and the close is refused (what it
 * added keeps the department open) — never a closed department holding open work, officials or sub-departments.
 */

let t: TestApp;
// PGlite runs one transaction at a time, so two cannot interleave there; on a server they can.
const onServer = process.env.DATABASE_URL !== undefined;
beforeAll(async () => {
  t = await startTestApp({ workers: false });
});
afterAll(async () => t?.stop());

function actorOf(a: DemoAccount): Actor {
  return {
    accountId: a.id,
    sessionId: 'test',
    email: a.email,
    displayName: a.displayName,
    locale: 'ro',
    isOfficial: true,
    emailVerified: true,
    totpEnabled: true,
    mfaPassed: true,
    memberships: [a.membership!],
    ip: null,
  };
}
const admin = actorOf(DEMO_ACCOUNTS.administrator);
const clerk = actorOf(DEMO_ACCOUNTS.registryClerk);

/** An empty department (nothing keeps it open) and a petition at the registry step, ready to be forwarded there. */
async function emptyDepartmentAndCase(n: number) {
  const dept = await addDepartment(t.deps, {
    actor: admin,
    institutionId: DEMO.sector5,
    form: { parentId: demoDepartmentId(DEMO.sector5, 'DGU'), kind: 'birou', code: `RACE${n}${Date.now() % 100000}`, name: `Biroul de probă ${n}`, decision: 'HCL nr. 60/2026' },
  });
  const petition = await findPublishedByCode(t.deps.db, DEMO.sector5, 'PETITIE');
  const opened = await t.database.db.transaction((tx) =>
    openCase(tx, {
      serviceVersionId: petition!.versionId,
      applicantAccountId: null,
      companyId: null,
      applicant: { kind: 'person', name: 'Vasile Ghișeu', cnp: '1800101123450' },
      answers: { subject: 'Iluminat', text: 'Stâlpul nu funcționează.' },
      channel: 'counter',
      actorId: clerk.accountId,
      transactionId: crypto.randomUUID(),
      feeBani: 0,
      at: new Date(),
    }),
  );
  const wf = await getCaseWorkflow(t.deps, clerk, opened.caseId);
  const forward = () =>
    actOnStep(t.deps, clerk, { caseId: opened.caseId, action: 'forward', step: wf.step.key, version: wf.version, departmentId: dept.id, transactionId: crypto.randomUUID() });
  const close = () => closeDepartment(t.deps, { actor: admin, institutionId: DEMO.sector5, departmentId: dept.id, decision: 'HCL nr. 61/2026' });
  return { deptId: dept.id, caseId: opened.caseId, forward, close };
}

async function caseDepartment(caseId: string): Promise<string | null> {
  const [row] = await t.database.query<{ department_id: string | null }>('SELECT department_id FROM "case" WHERE id = $1', [caseId]);
  return row!.department_id;
}

async function isClosed(deptId: string): Promise<boolean> {
  const [row] = await t.database.query<{ closed: boolean }>('SELECT closed_at IS NOT NULL AS closed FROM department WHERE id = $1', [deptId]);
  return row!.closed;
}

const refusedAsClosed = (r: PromiseSettledResult<unknown>) =>
  r.status === 'rejected' && r.reason instanceof AppError && r.reason.code === 'workflow.bad_department';

/** Runs `op` while `change` is in flight on the department's row (locked, changed, not yet committed), then commits it. */
async function whileChanging<T>(deptId: string, change: string, op: () => Promise<T>): Promise<PromiseSettledResult<T>> {
  let commit!: () => void;
  const changing = t.database.db.transaction(async (tx) => {
    await tx.execute(sql`SELECT id FROM department WHERE id = ${deptId} FOR UPDATE`);
    await tx.execute(sql.raw(change));
    await new Promise<void>((resolve) => {
      commit = resolve;
    });
  });
  await new Promise((r) => setTimeout(r, 100));
  const running = Promise.allSettled([op()]);
  // Until `op` waits for a lock (it may wait for none: then it has run to its end meanwhile), for at most 2 s.
  for (let waited = 0; waited < 2000; waited += 50) {
    const [w] = await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
    if (w!.n > 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  commit();
  await changing;
  return (await running)[0]!;
}

/** Runs `op` while a close of the department is in flight (what closeDepartment does once it has found nothing in it). */
const whileClosing = <T>(deptId: string, op: () => Promise<T>) => whileChanging(deptId, `UPDATE department SET closed_at = now() WHERE id = '${deptId}'`, op);

const refusedField = (r: PromiseSettledResult<unknown>, field: string) => r.status === 'rejected' && r.reason instanceof AppError && r.reason.fields?.[field] !== undefined;

describe('closing a department while a case is forwarded to it', () => {
  it('lets exactly one of the two win, whichever comes first: never open work in a closed department', async () => {
    for (let n = 0; n < 6; n++) {
      const x = await emptyDepartmentAndCase(n);
      // Alternate which one starts first; on PostgreSQL both run at once on two connections.
      const [forward, close] = n % 2 ? await Promise.allSettled([x.forward(), x.close()]) : (await Promise.allSettled([x.close(), x.forward()])).reverse();
      expect(close!.status).toBe('fulfilled');
      const closed = close!.status === 'fulfilled' && 'department' in close!.value;
      expect(await isClosed(x.deptId)).toBe(closed);
      if (closed) {
        expect(refusedAsClosed(forward!)).toBe(true);
        expect(await caseDepartment(x.caseId)).not.toBe(x.deptId);
      } else {
        expect(forward!.status).toBe('fulfilled');
        expect(await caseDepartment(x.caseId)).toBe(x.deptId);
        expect(close!.status === 'fulfilled' && 'blockers' in close!.value && close!.value.blockers.openCases).toBe(1);
      }
    }
  });


  it.skipIf(!onServer)('refuses the forward that waited while the department was being closed (PostgreSQL)', async () => {
    const x = await emptyDepartmentAndCase(9);
    // The registry read the department as open (it was); its forward reaches the department while the close commits.
    expect(refusedAsClosed(await whileClosing(x.deptId, x.forward))).toBe(true);
    expect(await caseDepartment(x.caseId)).not.toBe(x.deptId);
  });

  it.skipIf(!onServer)('refuses a department moved or added under one being closed, and an official invited into it (PostgreSQL)', async () => {
    const parent = await emptyDepartmentAndCase(10);
    const moved = await addDepartment(t.deps, {
      actor: admin,
      institutionId: DEMO.sector5,
      form: { parentId: demoDepartmentId(DEMO.sector5, 'DGU'), kind: 'birou', code: `MOVE${Date.now() % 100000}`, name: 'Biroul mutat', decision: 'HCL nr. 62/2026' },
    });
    const move = await whileClosing(parent.deptId, () =>
      changeDepartment(t.deps, { actor: admin, institutionId: DEMO.sector5, departmentId: moved.id, form: { parentId: parent.deptId, kind: 'birou', name: 'Biroul mutat', decision: 'HCL nr. 63/2026' } }),
    );
    expect(refusedField(move, 'parentId')).toBe(true);

    const other = await emptyDepartmentAndCase(11);
    const added = await whileClosing(other.deptId, () =>
      addDepartment(t.deps, { actor: admin, institutionId: DEMO.sector5, form: { parentId: other.deptId, kind: 'birou', code: `SUB${Date.now() % 100000}`, name: 'Sub-birou', decision: 'HCL nr. 64/2026' } }),
    );
    expect(refusedField(added, 'parentId')).toBe(true);

    const third = await emptyDepartmentAndCase(12);
    const invited = await whileClosing(third.deptId, () =>
      inviteOfficial(t.deps, { actor: admin, institutionId: DEMO.sector5, invite: { email: `nou.${Date.now()}@primaria5.demo`, displayName: 'Funcționar Nou', role: 'inspector', departmentId: third.deptId } }),
    );
    expect(refusedField(invited, 'departmentId')).toBe(true);
    const [n] = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM department WHERE parent_id IN ($1, $2)', [parent.deptId, other.deptId]);
    expect(n!.n).toBe(0);
  });

  it.skipIf(!onServer)('refuses a document registered or forwarded to a department being closed (PostgreSQL)', async () => {
    const draft = (departmentId: string) => ({
      direction: 'incoming' as const,
      channel: 'post' as const,
      issuerName: 'Inspectoratul Școlar',
      issuerCode: null,
      issuerReference: null,
      issuerDate: null,
      pageCount: 1,
      annexCount: 0,
      summary: 'Adresă privind programul școlar',
      addressee: null,
      departmentId,
      fileCode: null,
      repliesTo: null,
      linkedTo: null,
      caseServiceCode: null,
      issuerAddress: null,
      issuerEmail: null,
      issuerPhone: null,
      confirmedTwin: false,
    });
    const target = await emptyDepartmentAndCase(13);
    const registered = await whileClosing(target.deptId, () => registerEntry(t.deps, { actor: clerk, institutionId: DEMO.sector5, draft: draft(target.deptId), scans: [] }));
    expect(refusedField(registered, 'departmentId')).toBe(true);

    const entry = await registerEntry(t.deps, { actor: clerk, institutionId: DEMO.sector5, draft: draft(demoDepartmentId(DEMO.sector5, 'DGU')), scans: [] });
    const next = await emptyDepartmentAndCase(14);
    const forwarded = await whileClosing(next.deptId, () => forwardEntry(t.deps, clerk, { entryId: entry.entryId, departmentId: next.deptId }));
    expect(refusedField(forwarded, 'departmentId')).toBe(true);
    const [n] = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM registry_entry WHERE department_id IN ($1, $2)', [target.deptId, next.deptId]);
    expect(n!.n).toBe(0);
  });
});

describe('pointing a service or a workflow step at a department being closed', () => {
  const problemCodes = (r: PromiseSettledResult<unknown>) => (r.status === 'rejected' && 'problems' in r.reason ? (r.reason.problems as { code: string }[]).map((p) => p.code) : []);

  it.skipIf(!onServer)('refuses a new service, a draft routed to it and a workflow step there while the close commits (PostgreSQL)', async () => {
    const target = await emptyDepartmentAndCase(20);
    const [dept] = await t.database.query<{ code: string }>('SELECT code FROM department WHERE id = $1', [target.deptId]);
    const code = `SRV${Date.now() % 100000}`;
    const created = await whileClosing(target.deptId, () =>
      createService(t.deps, { actor: admin, institutionId: DEMO.sector5, fields: { code, category: 'registratura', nameRo: 'Serviciu de probă', nameEn: 'Test service', departmentCode: dept!.code } }),
    );
    expect(created.status === 'rejected' && created.reason instanceof AppError && created.reason.fields?.departmentCode).toBe('catalog.new.error.department_closed');
    expect(await t.database.query('SELECT id FROM service WHERE institution_id = $1 AND code = $2', [DEMO.sector5, code])).toEqual([]);

    const next = await emptyDepartmentAndCase(21);
    const [nextDept] = await t.database.query<{ code: string }>('SELECT code FROM department WHERE id = $1', [next.deptId]);
    const edit = { actor: admin, institutionId: DEMO.sector5, code: 'PETITIE' };
    const { draft } = await createDraftVersion(t.deps, edit);
    const routed = await whileClosing(next.deptId, () => updateDraft(t.deps, { ...edit, definition: { ...draft.definition, departmentCode: nextDept!.code } }));
    expect(problemCodes(routed)).toEqual(['catalog.draft.department_closed']);
    expect((await servicesRoutedTo(t.deps.db, DEMO.sector5, nextDept!.code)).length).toBe(0);

    const third = await emptyDepartmentAndCase(22);
    const [thirdDept] = await t.database.query<{ code: string }>('SELECT code FROM department WHERE id = $1', [third.deptId]);
    const steps = DEFAULT_WORKFLOW.steps.map((s) => (s.key === 'repartizare' ? { ...s, departmentCode: thirdDept!.code } : s));
    const saved = await whileClosing(third.deptId, () => saveServiceWorkflow(t.deps, admin, { institution: DEMO.sector5, code: 'PETITIE', definition: { ...DEFAULT_WORKFLOW, steps } }));
    expect(problemCodes(saved)).toEqual(['workflow.department_closed']);
    expect(await t.database.query('SELECT service_code FROM workflow WHERE institution_id = $1 AND service_code = $2', [DEMO.sector5, 'PETITIE'])).toEqual([]);
  });

  it('refuses closing a department a service or a workflow step was pointed at first (either order, one wins)', async () => {
    const x = await emptyDepartmentAndCase(23);
    const [dept] = await t.database.query<{ code: string }>('SELECT code FROM department WHERE id = $1', [x.deptId]);
    const steps = DEFAULT_WORKFLOW.steps.map((s) => (s.key === 'repartizare' ? { ...s, departmentCode: dept!.code } : s));
    const [saved, close] = await Promise.allSettled([saveServiceWorkflow(t.deps, admin, { institution: DEMO.sector5, code: 'PETITIE', definition: { ...DEFAULT_WORKFLOW, steps } }), x.close()]);
    expect(close.status).toBe('fulfilled');
    const closed = close.status === 'fulfilled' && 'department' in close.value;
    expect(saved.status).toBe(closed ? 'rejected' : 'fulfilled');
    if (!closed) expect(close.status === 'fulfilled' && 'blockers' in close.value && close.value.blockers.workflows).toEqual(['PETITIE']);
    await t.database.query('DELETE FROM workflow WHERE institution_id = $1 AND service_code = $2', [DEMO.sector5, 'PETITIE']);
  });
});

describe('two departments moved under each other at the same moment', () => {
  /** Two empty sibling departments under DGU. */
  async function pair(n: number) {
    const add = (s: string) =>
      addDepartment(t.deps, {
        actor: admin,
        institutionId: DEMO.sector5,
        form: { parentId: demoDepartmentId(DEMO.sector5, 'DGU'), kind: 'birou', code: `SW${s}${n}${Date.now() % 100000}`, name: `Biroul ${s} ${n}`, decision: 'HCL nr. 70/2026' },
      });
    return [await add('A'), await add('B')] as const;
  }
  const moveUnder = (x: { id: string; name: string }, parent: { id: string }) =>
    changeDepartment(t.deps, { actor: admin, institutionId: DEMO.sector5, departmentId: x.id, form: { parentId: parent.id, kind: 'birou', name: x.name, decision: 'HCL nr. 71/2026' } });
  const parentOf = async (id: string) => (await t.database.query<{ parent_id: string }>('SELECT parent_id FROM department WHERE id = $1', [id]))[0]!.parent_id;
  const refusedAsLoop = (r: PromiseSettledResult<unknown>) =>
    r.status === 'rejected' && r.reason instanceof AppError && ['organisation.department_parent_moved', 'organisation.department_parent_loop'].includes(r.reason.fields?.parentId ?? '');

  it('moves one under the other and refuses the second with a specific message, never a loop or a server error', async () => {
    for (let n = 0; n < 4; n++) {
      const [a, b] = await pair(n);
      const [ab, ba] = await Promise.allSettled([moveUnder(a, b), moveUnder(b, a)]);
      const won = [ab, ba].filter((r) => r.status === 'fulfilled');
      expect(won).toHaveLength(1);
      expect(refusedAsLoop(ab.status === 'rejected' ? ab : ba)).toBe(true);
      expect([await parentOf(a.id), await parentOf(b.id)]).toEqual(ab.status === 'fulfilled' ? [b.id, demoDepartmentId(DEMO.sector5, 'DGU')] : [demoDepartmentId(DEMO.sector5, 'DGU'), a.id]);
    }
  });

  it.skipIf(!onServer)('refuses, as a conflict, a move under a department that is meanwhile being moved under it (PostgreSQL)', async () => {
    const [a, b] = await pair(9);
    const moved = await whileChanging(b.id, `UPDATE department SET parent_id = '${a.id}' WHERE id = '${b.id}'`, () => moveUnder(a, b));
    expect(moved.status === 'rejected' && moved.reason instanceof AppError && [moved.reason.code, moved.reason.kind]).toEqual(['organisation.department_parent_moved', 'conflict']);
    expect(await parentOf(a.id)).toBe(demoDepartmentId(DEMO.sector5, 'DGU'));
  });
});
