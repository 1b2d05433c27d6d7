import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { inviteOfficial } from '../admin/invite-official.ts';
import { findPublishedByCode } from '../catalog/store.ts';
import { openCase } from '../cases/open-case.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../identity/seed-demo.ts';
import { forwardEntry } from '../registry/forward-entry.ts';
import { registerEntry } from '../registry/register-entry.ts';
import { actOnStep } from '../workflow/act-on-step.ts';
import { getCaseWorkflow } from '../workflow/get-case-workflow.ts';
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

  // PGlite runs one transaction at a time, so the two cannot interleave there; on a server they can.
  const onServer = process.env.DATABASE_URL !== undefined;

  /** Runs `op` while a close of the department is in flight (locked, marked closed, not yet committed), then commits it. */
  async function whileClosing<T>(deptId: string, op: () => Promise<T>): Promise<PromiseSettledResult<T>> {
    let commit!: () => void;
    const closing = t.database.db.transaction(async (tx) => {
      // What closeDepartment does once it has found nothing in the department: lock it, mark it closed, then commit.
      await tx.execute(sql`SELECT id FROM department WHERE id = ${deptId} FOR UPDATE`);
      await tx.execute(sql`UPDATE department SET closed_at = now() WHERE id = ${deptId}`);
      await new Promise<void>((resolve) => {
        commit = resolve;
      });
    });
    await new Promise((r) => setTimeout(r, 100));
    const running = Promise.allSettled([op()]);
    await new Promise((r) => setTimeout(r, 300));
    commit();
    await closing;
    return (await running)[0]!;
  }

  const refusedField = (r: PromiseSettledResult<unknown>, field: string) =>
    r.status === 'rejected' && r.reason instanceof AppError && r.reason.fields?.[field] !== undefined;

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
