import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/support/harness.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { findPublishedByCode } from '../catalog/store.ts';
import { openCase } from '../cases/open-case.ts';
import { generateAnswer } from '../documents/generate-answer.ts';
import { saveAnswerDraft } from '../documents/save-answer-draft.ts';
import { DEMO_SIGNING_PIN } from '../documents/seed-demo.ts';
import { signAnswer } from '../documents/sign-answer.ts';
import { getWorkflowFor } from './step-context.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../identity/seed-demo.ts';
import { totpCode } from '../identity/totp.ts';
import { DEMO } from '../organisation/seed-demo.ts';
import { CONTACT_PETITION_SERVICE } from '../pages/send-contact-message.ts';
import { actOnStep } from './act-on-step.ts';
import type { WorkflowAction } from './domain/workflow-definition.ts';
import { getCaseWorkflow } from './get-case-workflow.ts';

/*
 * The demo's requests beyond urbanism reach someone and are answered: in a department of Sector 5 and in each
 * subordinate institution, the department's head (also its inspector) takes the case, examines it, writes and signs
 * the answer and approves it; the institution's head (the mayor; DGITL's and DGASPC's director general) signs; the
 * institution's registry issues it under the institution's seal.
 */

let t: TestApp;
let clock = Date.parse('2026-03-02T08:00:00Z'); // a Monday
const now = () => new Date(clock);

beforeAll(async () => {
  t = await startTestApp({ workers: false });
  t.deps.now = now;
});
afterAll(async () => t?.stop());

/** The demo official as the use cases see them once signed in: every membership (a head who is also inspector has two). */
function actorOf(a: DemoAccount): Actor {
  const m = a.membership!;
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
    memberships: a.alsoRole ? [m, { ...m, role: a.alsoRole }] : [m],
    ip: null,
  };
}

async function act(who: DemoAccount, caseId: string, action: WorkflowAction, extra: { assigneeId?: string } = {}) {
  const wf = await getCaseWorkflow(t.deps, actorOf(who), caseId);
  return actOnStep(t.deps, actorOf(who), { caseId, action, step: wf.step.key, version: wf.version, transactionId: crypto.randomUUID(), ...extra });
}

/** Signs with the official's demo key (PIN and TOTP code); the clock moves on so a code is never replayed. */
function sign(who: DemoAccount, documentId: string) {
  clock += 30_000;
  return signAnswer(t.deps, actorOf(who), { documentId, pin: DEMO_SIGNING_PIN, code: totpCode(who.totpSecret!, now()), transactionId: crypto.randomUUID() });
}

const { maria } = DEMO_ACCOUNTS;
const journeys = [
  { institutionId: DEMO.sector5, code: CONTACT_PETITION_SERVICE, registry: DEMO_ACCOUNTS.registryClerk, head: DEMO_ACCOUNTS.headPublicRelations, signer: DEMO_ACCOUNTS.mayor, title: 'Primar', seal: 'Primăria Sectorului 5 — sigiliu' },
  { institutionId: DEMO.sector5, code: 'CASATORIE', registry: DEMO_ACCOUNTS.registryClerk, head: DEMO_ACCOUNTS.headCivilStatus, signer: DEMO_ACCOUNTS.mayor, title: 'Primar', seal: 'Primăria Sectorului 5 — sigiliu' },
  { institutionId: DEMO.taxes, code: 'CERT-FISCAL', registry: DEMO_ACCOUNTS.taxesRegistryClerk, head: DEMO_ACCOUNTS.headLocalTaxes, signer: DEMO_ACCOUNTS.taxesDirector, title: 'Director general', seal: 'DGITL Sector 5 — sigiliu' },
  { institutionId: DEMO.social, code: 'ANCHETA-SOCIALA', registry: DEMO_ACCOUNTS.socialRegistryClerk, head: DEMO_ACCOUNTS.headSocialInquiries, signer: DEMO_ACCOUNTS.socialDirector, title: 'Director general', seal: 'DGASPC Sector 5 — sigiliu' },
];

describe('a demo request outside urbanism', () => {
  it.each(journeys)('$code goes from registration to the issued, signed and sealed answer with the demo officials', async (j) => {
    const service = (await findPublishedByCode(t.deps.db, j.institutionId, j.code))!;
    const opened = await t.database.db.transaction((tx) =>
      openCase(tx, {
        serviceVersionId: service.versionId,
        applicantAccountId: maria.id,
        companyId: null,
        applicant: { kind: 'person', name: maria.displayName, cnp: maria.person.cnp, email: maria.email },
        answers: {},
        channel: 'online',
        actorId: maria.id,
        transactionId: crypto.randomUUID(),
        feeBani: 0,
        at: now(),
      }),
    );
    const caseId = opened.caseId;
    await act(j.registry, caseId, 'forward');
    // The head takes it for themself: they are the department's inspector too.
    expect((await act(j.head, caseId, 'assign', { assigneeId: j.head.id })).assigneeId).toBe(j.head.id);
    await saveAnswerDraft(t.deps, actorOf(j.head), { caseId, outcome: 'granted', text: 'Cererea dumneavoastră a fost admisă.' });
    const answer = await generateAnswer(t.deps, actorOf(j.head), { caseId });
    await sign(j.head, answer.documentId);
    expect((await act(j.head, caseId, 'approve')).step).toBe('aprobare');
    expect((await act(j.head, caseId, 'approve')).step).toBe('semnare');
    await sign(j.signer, answer.documentId);
    expect((await act(j.signer, caseId, 'sign')).step).toBe('emitere');
    expect((await act(j.registry, caseId, 'issue')).status).toBe('issued');

    const signatures = await t.database.query<{ signer_name: string; role: string; method: string }>(
      'SELECT signer_name, role, method FROM document_signature WHERE document_id = $1 ORDER BY seq',
      [answer.documentId],
    );
    expect(signatures).toEqual([
      // Inspector and head in one person, she signs as the head (the signature's reason: Verificat).
      { signer_name: j.head.displayName, role: 'head_of_department', method: 'pkcs12' },
      { signer_name: j.signer.displayName, role: 'mayor', method: 'pkcs12' },
      { signer_name: j.seal, role: 'seal', method: 'seal' },
    ]);
    // The signature block names the institution's head by their title: a directorate has no mayor.
    const [doc] = await t.database.query<{ current_sha256: string }>('SELECT current_sha256 FROM answer_document WHERE id = $1', [answer.documentId]);
    const text = execFileSync('pdftotext', ['-', '-'], { input: Buffer.from((await t.deps.blobs.get(doc!.current_sha256))!) }).toString();
    expect(text).toContain(`${j.title} — ${j.signer.displayName}`);
    if (j.title !== 'Primar') expect(text).not.toContain('Primar —');
    // And the case's route names the step the same way.
    const { workflow } = await getWorkflowFor(t.deps.db, j.institutionId, j.code);
    expect(workflow.steps.find((s) => s.key === 'semnare')!.name.ro).toBe(j.title === 'Primar' ? 'Primarul semnează' : 'Directorul general semnează');
  });
});
