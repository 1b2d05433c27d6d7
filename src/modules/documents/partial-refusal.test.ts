import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDemoCase } from '../../../test/support/demo-case.ts';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { giveToInspector } from '../../../test/support/workflow.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { getCaseForOfficial } from '../cases/get-case-for-official.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../identity/seed-demo.ts';
import { totpCode } from '../identity/totp.ts';
import { actOnStep } from '../workflow/act-on-step.ts';
import type { WorkflowAction } from '../workflow/domain/workflow-definition.ts';
import { getCaseWorkflow } from '../workflow/get-case-workflow.ts';
import { DEMO_SIGNING_PIN } from './seed-demo.ts';
import { signAnswer } from './sign-answer.ts';

/*
 * A public-information request answered in part (Legea 544/2001 art. 12): Simona Dragomir, who handles such requests,
 * chooses "Comunicare parțială" on the answer's page, gives the information she may and refuses the personal data in
 * it, with the ground and the reasons; the answer goes its usual route (her signature and approval, the mayor's) and is
 * issued. Ion Popescu then reads "Comunicată parțial" on his request's page and in the API, with the ground, the reasons
 * and how to complain; the refusal of that part counts against the 5 days as any refusal; the register says how it was
 * resolved. Another kind of case cannot be answered so.
 */
let t: TestApp;
let clock = Date.now();
const now = () => new Date(clock);
const tick = () => {
  clock += 30_000;
};
const { ion, registryClerk, publicInformation: simona, mayor, inspector } = DEMO_ACCOUNTS;
const sessions = new Map<string, Client>();
const as = async (a: DemoAccount) => {
  const known = sessions.get(a.id);
  if (known) return known;
  const c = await signInDemo(t, a, tick, a.official ? '/birou' : '/cont');
  sessions.set(a.id, c);
  return c;
};

const actorOf = (a: DemoAccount): Actor => ({
  accountId: a.id,
  sessionId: 'test',
  email: a.email,
  displayName: a.displayName,
  locale: 'ro',
  isOfficial: a.official,
  emailVerified: true,
  totpEnabled: true,
  mfaPassed: true,
  memberships: a.membership ? (a.alsoRole ? [a.membership, { ...a.membership, role: a.alsoRole }] : [a.membership]) : [],
  ip: null,
});

async function act(who: DemoAccount, caseId: string, action: WorkflowAction, extra: { assigneeId?: string } = {}) {
  const actor = actorOf(who);
  await getCaseForOfficial(t.deps, actor, caseId);
  const wf = await getCaseWorkflow(t.deps, actor, caseId);
  return actOnStep(t.deps, actor, { caseId, action, step: wf.step.key, version: wf.version, transactionId: crypto.randomUUID(), ...extra });
}

async function sign(who: DemoAccount, documentId: string) {
  tick();
  return signAnswer(t.deps, actorOf(who), { documentId, pin: DEMO_SIGNING_PIN, code: totpCode(who.totpSecret!, now()), transactionId: crypto.randomUUID() });
}

const GIVEN = 'Lista beneficiarilor ajutoarelor de încălzire pe anul 2026 cuprinde 412 persoane; suma totală plătită este de 598.400 lei.';
const PART = 'Numele, adresele și CNP-urile beneficiarilor din anexa la dispoziția nr. 88/2026.';
const REASONS = 'Anexa cuprinde date cu caracter personal ale unor persoane fizice, care nu privesc exercitarea unei funcții publice.';

let caseId = '';

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = now;
  caseId = (await openDemoCase(t, { service: 'INFO-544', by: ion, answers: { info_requested: 'Lista beneficiarilor ajutoarelor de încălzire, cu datele lor.', answer_format: 'electronic' } })).caseId;
  await act(registryClerk, caseId, 'forward');
  await act(simona, caseId, 'assign', { assigneeId: simona.id });
}, 120_000);
afterAll(async () => t?.stop());

describe('a public-information request answered in part (comunicare parțială)', () => {
  it('is offered to the official with the art. 12 grounds, and refused without its ground, reasons or the part refused', async () => {
    const c = await as(simona);
    const form = (await c.get(`/birou/dosare/${caseId}/raspuns/previzualizare`)).body;
    expect(form).toContain('Comunicare parțială');
    expect(form).toContain('Temeiul refuzului (Legea 544/2001, art. 12 alin. (1))');
    expect(form).toContain('lit. d) — date cu caracter personal');
    const missing = await c.post(`/birou/dosare/${caseId}/raspuns/text`, { outcome: 'partial', text: GIVEN, refusedPart: '', exemption: '', refusalReasons: '' });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('Scrieți ce informații nu se comunică.');
    expect(missing.body).toContain('Alegeți temeiul refuzului din Legea 544/2001, art. 12.');
    expect(missing.body).toContain('Scrieți motivele refuzului: un refuz, și parțial, trebuie motivat.');
    // What she typed stays in the form.
    expect(missing.body).toContain(GIVEN);
  });

  it('prints both parts, the ground and how to complain in the document, and goes the answer’s route to be issued', async () => {
    const c = await as(simona);
    await c.get(`/birou/dosare/${caseId}/raspuns/previzualizare`);
    const saved = await c.post(`/birou/dosare/${caseId}/raspuns/text`, { outcome: 'partial', text: GIVEN, refusedPart: PART, exemption: 'personal_data', refusalReasons: REASONS });
    expect(saved.status).toBe(303);
    const preview = (await c.get(`/birou/dosare/${caseId}/raspuns/previzualizare`)).body;
    expect(preview).toContain('Cererea dumneavoastră a fost soluționată parțial.');
    expect(preview).toContain(GIVEN);
    expect(preview).toContain(`Nu vă comunicăm următoarele informații dintre cele solicitate: ${PART}`);
    expect(preview).toContain('Temeiul refuzului: art. 12 alin. (1) lit. d) din Legea nr. 544/2001 — informații cu privire la datele personale.');
    expect(preview).toContain('reclamație administrativă la conducătorul instituției, în termen de 30 de zile');
    // The form opens again on what was saved.
    expect(preview).toMatch(/<option value="personal_data" selected/);
    const api = (await c.api('GET', `/api/v1/cases/${caseId}/answer/preview`)).json<{ answer: unknown; partialAllowed: boolean }>();
    expect(api.partialAllowed).toBe(true);
    expect(api.answer).toEqual({ outcome: 'partial', text: GIVEN, partialRefusal: { part: PART, ground: 'personal_data', reasons: REASONS } });

    const generated = await c.post(`/birou/dosare/${caseId}/raspuns/generare`, { transactionId: crypto.randomUUID() });
    expect(generated.status).toBe(303);
    const [doc] = await t.database.query<{ id: string; outcome: string; partial_refusal: unknown }>('SELECT id, outcome, partial_refusal FROM answer_document WHERE case_id = $1', [caseId]);
    expect(doc!.outcome).toBe('partial');
    await sign(simona, doc!.id);
    await act(simona, caseId, 'approve');
    await act(simona, caseId, 'approve');
    await sign(mayor, doc!.id);
    await act(mayor, caseId, 'sign');
    await act(registryClerk, caseId, 'issue');
    const [row] = await t.database.query<{ status: string }>('SELECT status FROM "case" WHERE id = $1', [caseId]);
    expect(row!.status).toBe('issued');
    // The official's answer panel names the ground beside the outcome, on the page and in the API.
    expect((await c.get(`/birou/dosare/${caseId}/raspuns`)).body).toContain('lit. d) — date cu caracter personal');
    expect((await c.api('GET', `/api/v1/cases/${caseId}/answer`)).json<{ current: { outcome: string; exemption: string } }>().current).toMatchObject({ outcome: 'partial', exemption: 'personal_data' });
  });

  it('shows the petitioner “Comunicată parțial”, the part refused with its ground and reasons, how to complain, and the refusal as given in time', async () => {
    const c = await as(ion);
    const page = (await c.get(`/cont/cereri/${caseId}`)).body;
    expect(page).toContain('Comunicată parțial');
    expect(page).toContain('Informații necomunicate');
    expect(page).toContain(PART);
    expect(page).toContain('Legea nr. 544/2001, art. 12 alin. (1) lit. d) — date cu caracter personal');
    expect(page).toContain(REASONS);
    expect(page).toContain('reclamație administrativă la conducătorul instituției');
    const today = bucharestDay(now());
    expect(page).toContain(`Refuz parțial comunicat la ${today.slice(8, 10)}.${today.slice(5, 7)}.${today.slice(0, 4)}, în termen`);

    const api = (await c.api('GET', `/api/v1/me/cases/${caseId}`)).json<{ answer: { outcome: string; partialRefusal: unknown; remedy: string; text: string }; refusalDeadline: { state: string; partial: boolean; late: boolean } }>();
    expect(api.answer.outcome).toBe('partial');
    expect(api.answer.partialRefusal).toEqual({ part: PART, ground: 'personal_data', groundLabel: 'lit. d) — date cu caracter personal', reasons: REASONS });
    expect(api.answer.remedy).toContain('Legea nr. 544/2001, art. 21');
    expect(api.answer.text).toContain('Temeiul refuzului: art. 12 alin. (1) lit. d)');
    expect(api.refusalDeadline).toMatchObject({ state: 'refused', partial: true, late: false, refusedOn: today });
    const english = (await c.request('GET', `/api/v1/me/cases/${caseId}`, undefined, { accept: 'application/json', 'accept-language': 'en' })).json<{ answer: { partialRefusal: { groundLabel: string } } }>();
    expect(english.answer.partialRefusal.groundLabel).toBe('letter d) — personal data');

    const mail = await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox_message WHERE recipient = $1 AND template = 'documents.issued_partial.v1' AND body_text LIKE '%reclamație administrativă%'", [ion.email]);
    expect(mail[0]!.n).toBe(1);
    const [line] = await t.database.query<{ resolution_code: string; resolution: string }>(
      'SELECT e.resolution_code, e.resolution FROM registry_entry e JOIN "case" c ON c.registry_entry_id = e.id WHERE c.id = $1',
      [caseId],
    );
    expect(line!.resolution_code).toBe('issued.partial');
    expect(line!.resolution).toContain('Comunicată parțial');
  });

  it('is not offered for another kind of case, and refused there through the API', async () => {
    const request = (await openDemoCase(t, { service: 'CERT-URBANISM', by: ion, answers: { purpose: 'construire', urgency: 'standard' } })).caseId;
    await giveToInspector(t, as, request);
    const c = await as(inspector);
    expect((await c.get(`/birou/dosare/${request}/raspuns/previzualizare`)).body).not.toContain('Comunicare parțială');
    const r = await c.api('PUT', `/api/v1/cases/${request}/answer/draft`, { outcome: 'partial', text: 'x', partialRefusal: { part: 'y', ground: 'personal_data', reasons: 'z' } });
    expect(r.status).toBe(400);
    expect(r.body).toContain('Comunicarea parțială se poate alege doar pentru o cerere de informații de interes public');
  });
});
