import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/database.ts';
import { openTestDatabase } from '../../../test/support/harness.ts';
import { publishServiceVersion } from '../catalog/publish-service.ts';
import { DEMO } from '../organisation/seed-demo.ts';
import { openCase } from './open-case.ts';
import { recordCaseAction } from './record-case-action.ts';
import { findCase, listActions } from './store.ts';

let database: Database;
let drop: () => Promise<void>;
let versionId: string;

const L = (ro: string, en = ro) => ({ ro, en });
const petition = {
  code: 'TEST-PETITIE',
  category: 'registratura',
  name: L('Petiție', 'Petition'),
  description: L('Sesizări, reclamații, propuneri.', 'Complaints and proposals.'),
  applicants: 'both',
  caseKind: 'petition',
  documents: [],
  form: { schemaVersion: 1, pages: [{ id: 'text', title: L('Text'), items: [{ id: 'text', type: 'textarea', label: L('Ce doriți să semnalați?'), required: true }] }] },
  fee: { kind: 'none' },
  term: { days: 30, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'RP',
  fileCode: 'I-2',
  keywords: [],
};

beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
  ({ versionId } = await database.db.transaction((tx) => publishServiceVersion(tx, { institutionId: DEMO.sector5, definition: petition, actorId: null, at: new Date() })));
});
afterAll(async () => drop?.());

const open = (at: Date, transactionId = crypto.randomUUID()) =>
  database.db.transaction((tx) =>
    openCase(tx, {
      serviceVersionId: versionId,
      applicantAccountId: null,
      companyId: null,
      applicant: { kind: 'person', name: 'Ion Popescu', cnp: '1800101123450', idDocument: 'CI RX 123456' },
      answers: { text: 'Groapă în asfalt pe Str. Sebastian' },
      channel: 'counter',
      actorId: null,
      transactionId,
      feeBani: 0,
      at,
    }),
  );

describe('opening a case', () => {
  it('registers it with a legal number, a tracking code and the petition deadline in one go', async () => {
    const c = await open(new Date('2026-11-22T10:00:00Z'));
    expect(c.registry.display).toMatch(/^\d+\/22\.11\.2026$/);
    expect(c.trackingCode).toMatch(/^[A-Z0-9]{8}$/);
    expect(c.dueOn).toBe('2026-12-23');
    const row = await findCase(database.db, c.caseId);
    expect(row).toMatchObject({ status: 'registered', kind: 'petition', registryEntryId: c.registry.id });
  });

  it('records actions once per transaction id and refuses a stale one with a conflict', async () => {
    const c = await open(new Date('2026-11-23T10:00:00Z'));
    const at = new Date('2026-11-24T10:00:00Z');
    const assign = { caseId: c.caseId, type: 'assigned' as const, actorId: null, transactionId: 'tx-assign-1', payload: { assigneeId: undefined }, at };
    await database.db.transaction((tx) => recordCaseAction(tx, assign));
    const again = await database.db.transaction((tx) => recordCaseAction(tx, assign));
    expect(again.duplicate).toBe(true);
    expect(await listActions(database.db, c.caseId)).toHaveLength(2);
    await database.db.transaction((tx) => recordCaseAction(tx, { caseId: c.caseId, type: 'withdrawn', actorId: null, transactionId: 'tx-w', at }));
    await expect(
      database.db.transaction((tx) => recordCaseAction(tx, { caseId: c.caseId, type: 'approved', actorId: null, transactionId: 'tx-late', at })),
    ).rejects.toMatchObject({ code: 'case.action_not_allowed', kind: 'conflict' });
  });

  it('moves the deadline when a petition is extended by 15 days', async () => {
    const c = await open(new Date('2026-11-22T10:00:00Z'));
    const r = await database.db.transaction((tx) =>
      recordCaseAction(tx, { caseId: c.caseId, type: 'extended', actorId: null, transactionId: 'ext', payload: { days: 15, reason: 'verificare pe teren' }, at: new Date('2026-12-10T10:00:00Z') }),
    );
    expect(r.dueOn).toBe('2027-01-08');
    expect((await findCase(database.db, c.caseId))!.dueOn).toBe('2027-01-08');
  });
});
