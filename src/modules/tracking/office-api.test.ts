import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { giveToInspector } from '../../../test/support/workflow.ts';
import { addDays, nextWorkingDay } from '../../platform/calendar/calendar.ts';
import { publishServiceVersion } from '../catalog/publish-service.ts';
import { openCase } from '../cases/open-case.ts';
import { DEMO_ACCOUNTS, type DemoAccount } from '../identity/seed-demo.ts';
import { DEMO } from '../organisation/seed-demo.ts';

/** The official's side of a case through the API: what `/birou/dosare/:id` does, for an integrator's client. */
let t: TestApp;
let clock = Date.now();
const now = () => new Date(clock);
const { maria, inspector, headOfDepartment, publicInformation, taxesAdministrator } = DEMO_ACCOUNTS;
const versions: Record<string, string> = {};

const L = (ro: string, en = ro) => ({ ro, en });
const service = (code: string, kind: 'request' | 'petition', days: number) => ({
  code,
  category: 'urbanism',
  name: L(`Serviciu de test ${code}`, `Test service ${code}`),
  description: L('Serviciu de test.', 'Test service.'),
  applicants: 'both',
  caseKind: kind,
  documents: [],
  form: { schemaVersion: 1, pages: [{ id: 'cerere', title: L('Cererea'), items: [{ id: 'subject', type: 'text', label: L('Subiect', 'Subject'), required: true }] }] },
  fee: { kind: 'none' },
  term: { days, unit: 'calendar' },
  tacitApproval: false,
  departmentCode: 'CU',
  fileCode: 'III-1',
  keywords: [],
});

beforeAll(async () => {
  t = await startTestApp();
  t.deps.now = now;
  for (const [key, def] of Object.entries({ request: service('TEST-API-AVIZ', 'request', 30), petition: service('TEST-API-PETITIE', 'petition', 30), silent: service('TEST-API-FARA', 'petition', 0) })) {
    versions[key] = (await t.database.db.transaction((tx) => publishServiceVersion(tx, { institutionId: DEMO.sector5, definition: def, actorId: null, at: now() }))).versionId;
  }
});
afterAll(async () => t?.stop());

async function open(version: string) {
  const c = await t.database.db.transaction((tx) =>
    openCase(tx, {
      serviceVersionId: version,
      applicantAccountId: maria.id,
      companyId: null,
      applicant: { kind: 'person', name: maria.displayName, cnp: '2850101123456', email: maria.email, phone: '0722 000 111' },
      answers: { subject: 'Copac căzut pe trotuar' },
      channel: 'online',
      actorId: maria.id,
      transactionId: crypto.randomUUID(),
      feeBani: 0,
      at: now(),
    }),
  );
  return { id: c.caseId, number: c.registry.display, dueOn: c.dueOn };
}

const signIn = (a: DemoAccount): Promise<Client> => signInDemo(t, a, () => (clock += 30_000), a.membership ? '/birou' : '/cont');

async function emails(to: string, template: string, containing: string) {
  const rows = await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox_message WHERE lower(recipient) = lower($1) AND template = $2 AND body_text LIKE $3', [to, template, `%${containing}%`]);
  return Number(rows[0]?.n ?? 0);
}

type OfficialCase = {
  number: { number: number; date: string; formatted: string };
  status: string;
  applicant: { name: string; cnp: string | null; phone: string | null };
  timeline: { seq: number; type: string; by: string; text: string | null; at: string }[];
  may: { message: boolean; requestCompletion: boolean; extend: boolean; redirect: boolean; join: boolean; registerWithdrawal: boolean };
  deadline: { dueOn: string | null };
};

describe('an official reads a case through the API', () => {
  it('shows the applicant and the history to the department, records the read in the applicant’s access log, and hides it from others', async () => {
    const c = await open(versions.request!);
    const head = await signIn(headOfDepartment);
    const res = await head.api('GET', `/api/v1/cases/${c.id}`);
    expect(res.status).toBe(200);
    const body = res.json<OfficialCase>();
    expect(body).toMatchObject({ number: { formatted: c.number }, status: 'registered', applicant: { name: maria.displayName, cnp: '2850101123456', phone: '0722 000 111' } });
    // The official reads "Maria Ionescu (solicitantul)", not the applicant's own "Dumneavoastră".
    expect(body.timeline[0]!.by).toContain(maria.displayName);
    expect(body.may).toEqual({ message: true, requestCompletion: true, extend: false, redirect: false, join: false, registerWithdrawal: false });

    const citizen = await signIn(maria);
    const log = (await citizen.api('GET', '/api/v1/me/access-log')).json<{ entries: { action: string; actorName: string }[] }>();
    expect(log.entries).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'case.viewed', actorName: headOfDepartment.displayName })]));

    // The applicant, another department's official and another institution's get the same 404 as a missing case.
    for (const who of [maria, publicInformation, taxesAdministrator]) {
      const other = who === maria ? citizen : await signIn(who);
      expect((await other.api('GET', `/api/v1/cases/${c.id}`)).status).toBe(404);
      if (who !== maria) expect((await other.api('POST', `/api/v1/cases/${c.id}/messages`, { text: 'Bună ziua' })).status).toBe(404);
    }
    expect((await head.api('GET', `/api/v1/cases/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await t.client().api('GET', `/api/v1/cases/${c.id}`)).status).toBe(401);
  });
});

describe('an official acts on a case through the API', () => {
  it('writes to the applicant once per transaction id, and refuses an empty message on its field', async () => {
    const c = await open(versions.request!);
    const insp = await signIn(inspector);
    const transactionId = crypto.randomUUID();
    const first = await insp.api('POST', `/api/v1/cases/${c.id}/messages`, { text: 'Vă rugăm să ne sunați pentru o programare pe teren.', transactionId });
    expect(first.status).toBe(201);
    type Written = { message: { seq: number; at: string } };
    expect(first.json()).toEqual({ status: 'registered', statusLabel: 'Înregistrată', duplicate: false, message: { seq: 2, at: expect.any(String) } });
    const again = await insp.api('POST', `/api/v1/cases/${c.id}/messages`, { text: 'Vă rugăm să ne sunați pentru o programare pe teren.', transactionId });
    expect(again.json()).toEqual({ ...first.json<Written>(), duplicate: true });
    expect(await emails(maria.email, 'tracking.new_message.v1', c.number)).toBe(1);
    const empty = await insp.api('POST', `/api/v1/cases/${c.id}/messages`, { text: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.json<{ error: { fields: Record<string, string> } }>().error.fields).toHaveProperty('text');

    const seen = (await insp.api('GET', `/api/v1/cases/${c.id}`)).json<OfficialCase>();
    expect(seen.timeline.filter((e) => e.type === 'message').map((e) => e.text)).toEqual(['Vă rugăm să ne sunați pentru o programare pe teren.']);
    expect(seen.timeline.find((e) => e.seq === first.json<Written>().message.seq)).toMatchObject({ type: 'message', at: first.json<Written>().message.at });
  });

  it('asks for missing documents only through the official the case is with, or the head: not an inspector while it is at the registry', async () => {
    const c = await open(versions.request!);
    const insp = await signIn(inspector);
    // At the registry, the department's inspector is refused and offered nothing; the head of department may ask.
    const early = await insp.api('POST', `/api/v1/cases/${c.id}/completion-requests`, { text: 'Lipsește planul de situație.' });
    expect(early.status).toBe(403);
    expect(early.json<{ error: { code: string; message: string } }>().error).toMatchObject({ code: 'tracking.completion.not_with_you' });
    expect(early.json<{ error: { message: string } }>().error.message).toBe('Completarea dosarului o cere funcționarul la care se află dosarul acum sau șeful compartimentului.');
    expect((await insp.api('GET', `/api/v1/cases/${c.id}`)).json<OfficialCase>().may.requestCompletion).toBe(false);
    expect((await (await signIn(headOfDepartment)).api('GET', `/api/v1/cases/${c.id}`)).json<OfficialCase>().may.requestCompletion).toBe(true);
    expect(await emails(maria.email, 'tracking.status_changed.v1', c.number)).toBe(0);
  });

  it('asks for missing documents: the case waits for the applicant, who is e-mailed', async () => {
    const c = await open(versions.request!);
    await giveToInspector(t, signIn, c.id);
    const insp = await signIn(inspector);
    const missing = await insp.api('POST', `/api/v1/cases/${c.id}/completion-requests`, { text: '' });
    expect(missing.status).toBe(400);
    const r = await insp.api('POST', `/api/v1/cases/${c.id}/completion-requests`, { text: 'Lipsește planul de situație.' });
    expect(r.status).toBe(201);
    expect(r.json()).toMatchObject({ status: 'awaiting_applicant', duplicate: false, dueOn: c.dueOn });
    expect(await emails(maria.email, 'tracking.status_changed.v1', c.number)).toBe(1);
    const citizen = await signIn(maria);
    expect((await citizen.api('GET', `/api/v1/me/cases/${c.id}`)).json<{ completionRequest: { text: string } }>().completionRequest.text).toBe('Lipsește planul de situație.');
  });

  it('extends a petition’s term once, by the head of department, and says why it refuses otherwise', async () => {
    const p = await open(versions.petition!);
    const r = await open(versions.request!);
    const silent = await open(versions.silent!);
    expect(silent.dueOn).toBeNull();
    const insp = await signIn(inspector);
    expect((await insp.api('POST', `/api/v1/cases/${p.id}/extensions`, { days: 10, reason: 'Verificare pe teren' })).status).toBe(403);

    const head = await signIn(headOfDepartment);
    expect((await head.api('GET', `/api/v1/cases/${p.id}`)).json<OfficialCase>().may.extend).toBe(true);
    const tooMany = await head.api('POST', `/api/v1/cases/${p.id}/extensions`, { days: 20, reason: 'Verificare pe teren' });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json<{ error: { fields: Record<string, string> } }>().error.fields).toHaveProperty('days');
    const ok = await head.api('POST', `/api/v1/cases/${p.id}/extensions`, { days: 15, reason: 'Verificare pe teren' });
    expect(ok.status).toBe(201);
    expect(ok.json()).toEqual({ dueOn: nextWorkingDay(addDays(p.dueOn!, 15)), duplicate: false });
    expect(await emails(maria.email, 'tracking.term_extended.v1', p.number)).toBe(1);

    const second = await head.api('POST', `/api/v1/cases/${p.id}/extensions`, { days: 5, reason: 'Încă o dată' });
    expect(second.status).toBe(409);
    expect(second.json<{ error: { message: string } }>().error.message).toContain('a fost deja prelungit o dată');
    const notPetition = await head.api('POST', `/api/v1/cases/${r.id}/extensions`, { days: 5, reason: 'Verificare' });
    expect(notPetition.json<{ error: { message: string } }>().error.message).toContain('Doar termenul unei petiții (OG 27/2002) sau al unei solicitări de informații de interes public (Legea 544/2001) poate fi prelungit');
    // A service without an answer term has nothing to extend.
    const nothing = await head.api('POST', `/api/v1/cases/${silent.id}/extensions`, { days: 5, reason: 'Verificare' });
    expect(nothing.status).toBe(409);
    expect(nothing.json<{ error: { message: string } }>().error.message).toBe('Această cerere nu are un termen de răspuns, deci nu are ce prelungi.');
  });

  it('says in `may` what the case page offers: sending a petition on and joining it, while it may still be done', async () => {
    const p = await open(versions.petition!);
    const r = await open(versions.request!);
    const head = await signIn(headOfDepartment);
    const offers = async (id: string) => {
      const page = (await head.get(`/birou/dosare/${id}`)).body;
      const may = (await head.api('GET', `/api/v1/cases/${id}`)).json<OfficialCase>().may;
      return { page: { redirect: page.includes('Trimiteți petiția instituției competente'), join: page.includes('Conexați la o petiție anterioară') }, api: { redirect: may.redirect, join: may.join } };
    };
    const open_ = await offers(p.id);
    expect(open_.api).toEqual({ redirect: true, join: true });
    expect(open_.page).toEqual(open_.api);
    const request = await offers(r.id);
    expect(request.api).toEqual({ redirect: false, join: false });
    expect(request.page).toEqual(request.api);
    expect((await head.api('POST', `/api/v1/cases/${p.id}/redirection`, { to: 'outside', name: 'ANAF', email: 'petitii@anaf.example', reason: 'Impozitul pe venit este al ANAF.' })).status).toBe(201);
    const sent = await offers(p.id);
    expect(sent.api).toEqual({ redirect: false, join: false });
    expect(sent.page).toEqual(sent.api);
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await t.client().get('/api/docs/json')).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/cases/{caseId}', '/api/v1/cases/{caseId}/messages', '/api/v1/cases/{caseId}/completion-requests', '/api/v1/cases/{caseId}/extensions']));
  });
});
