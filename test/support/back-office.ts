import { DEMO_ACCOUNTS, type DemoAccount } from '../../src/modules/identity/seed-demo.ts';
import { openDemoCase } from './demo-case.ts';
import { type Client, signInDemo, type TestApp } from './harness.ts';

/**
 * Maria Ionescu's request (Primăria Sectorului 5; by default an urbanism certificate), just registered: it waits in
 * the registry's inbox.
 */
export async function openUrbanismCertificate(t: TestApp, at: Date, code = 'CERT-URBANISM'): Promise<string> {
  const { maria } = DEMO_ACCOUNTS;
  const applicant = { kind: 'person' as const, name: 'Maria Ionescu', cnp: '2850315452341', email: maria.email };
  return (await openDemoCase(t, { service: code, by: maria, applicant, answers: { purpose: 'construire', urgency: 'standard' }, at })).caseId;
}

/** One signed-in client per demo account, kept; `tick` moves the app's clock past the last TOTP code used. */
export function demoSessions(t: TestApp, tick: () => void): (a: DemoAccount) => Promise<Client> {
  const sessions = new Map<string, Client>();
  return async (a) => {
    const known = sessions.get(a.id);
    if (known) return known;
    const c = await signInDemo(t, a, tick, a.official ? '/birou' : '/cont');
    sessions.set(a.id, c);
    return c;
  };
}

/** The case's current workflow step and its version, as its page's forms send them. */
export async function caseStep(t: TestApp, caseId: string): Promise<{ step_key: string; step_seq: number; status: string }> {
  const [row] = await t.database.query<{ step_key: string; step_seq: number; status: string }>('SELECT step_key, step_seq, status FROM "case" WHERE id = $1', [caseId]);
  return row!;
}

/** Posts a workflow action through the case page's form, as a browser would after opening the page. */
export async function actOnCasePage(t: TestApp, c: Client, caseId: string, action: string, fields: Record<string, string> = {}) {
  await c.get(`/birou/dosare/${caseId}`);
  const s = await caseStep(t, caseId);
  return c.post(`/birou/dosare/${caseId}/flux`, { action, step: s.step_key, version: String(s.step_seq), transactionId: crypto.randomUUID(), ...fields });
}

/**
 * The official the case is with writes its answer (the outcome and the text) and generates the document, through the
 * case's pages: version 1 then waits for its first signer.
 */
export async function generateAnswerOnCasePage(c: Client, caseId: string, answer: { outcome: 'granted' | 'refused' | 'information'; text: string }): Promise<void> {
  await c.get(`/birou/dosare/${caseId}/raspuns/previzualizare`);
  const saved = await c.post(`/birou/dosare/${caseId}/raspuns/text`, answer);
  if (saved.status !== 303) throw new Error(`saving the answer answered ${saved.status}`);
  const generated = await c.post(`/birou/dosare/${caseId}/raspuns/generare`, { transactionId: crypto.randomUUID() });
  if (generated.status !== 303) throw new Error(`generating the answer answered ${generated.status}`);
}
