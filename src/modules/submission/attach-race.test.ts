import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, signInDemo, startTestApp, type TestApp } from '../../../test/support/harness.ts';
import { transactionAfter } from '../../../test/support/race.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { translator } from '../../platform/i18n/i18n.ts';
import { DEMO_ACCOUNTS } from '../identity/seed-demo.ts';
import { attachDocument, type UploadTarget } from './attach-document.ts';
import { discardDraft } from './discard-draft.ts';
import { getDraft } from './get-draft.ts';
import { removeDocument } from './remove-document.ts';
import { submitDraft } from './submit-draft.ts';

/*
 * Files sent to one draft at the same instant (two tabs, a double click, a script): the draft's limits hold for all of
 * them together — a question's number of files, the draft's bytes — and no file lands on a draft already submitted,
 * where the institution would never see it. Each upload here read the draft before any of them was stored, as
 * requests running at once do; on PostgreSQL (DATABASE_URL) their transactions really run at once. The same lock
 * orders giving the draft up and taking a file off it against uploads and the submission (a second tab, a double
 * click): no file is left on a draft that is gone, none is said removed while it went with the request, and no request
 * goes with answers naming a file taken off it.
 */

let t: TestApp;
let maria: Client;
const DRAFT_BYTES = 150 * 1024;
beforeAll(async () => {
  t = await startTestApp({ workers: false, config: { uploadQuota: { filesPerHour: 1000, bytesPerHour: 100 * 1024 * 1024, draftBytes: DRAFT_BYTES } } });
  maria = await signInDemo(t, DEMO_ACCOUNTS.maria, () => {});
});
afterAll(async () => t?.stop());

const actor: Actor = {
  accountId: DEMO_ACCOUNTS.maria.id,
  sessionId: 'test',
  email: DEMO_ACCOUNTS.maria.email,
  displayName: 'Maria Ionescu',
  locale: 'ro',
  isOfficial: false,
  emailVerified: true,
  totpEnabled: false,
  mfaPassed: true,
  memberships: [],
  ip: null,
};

/** A PDF of about `kib` KiB; `n` makes each one's content (and hash) its own. */
const pdf = (kib: number, n: number) =>
  Buffer.concat([Buffer.from(`%PDF-1.4\n% ${n}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`), Buffer.alloc(kib * 1024, 0x20)]);

/** A fiscal-certificate draft asking for the authorisation (a file question taking at most 3 files). */
async function answeredDraft(): Promise<string> {
  const d = (await maria.api('POST', '/api/v1/drafts', { serviceCode: 'CERT-FISCAL', institution: 'dgitl5', restart: true })).json<{ id: string }>();
  expect((await maria.api('PUT', `/api/v1/drafts/${d.id}/pages/tip_solicitant`, { answers: { applicant_kind: 'pf' } })).status).toBe(200);
  expect((await maria.api('PUT', `/api/v1/drafts/${d.id}/pages/scop`, { answers: { purpose: 'credit', delivery: 'electronic', on_behalf: 'nu' } })).status).toBe(200);
  return d.id;
}

/** Uploads sent at once, each after the draft was read (as each request reads it before its file is stored). */
async function uploadAtOnce(draftId: string, target: UploadTarget, sizes: number[]) {
  const draft = await getDraft(t.deps, actor, draftId);
  return Promise.allSettled(sizes.map((kib, n) => attachDocument(t.deps, actor, { draft, target, upload: { filename: `act-${n}.pdf`, bytes: pdf(kib, n), truncated: false } })));
}

const refusals = (results: PromiseSettledResult<unknown>[]) => results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code?: string }).code ?? String(r.reason)] : []));

async function stored(draftId: string) {
  return t.database.query<{ question_id: string | null; required_document_id: string | null; size_bytes: number; case_id: string | null }>(
    'SELECT question_id, required_document_id, size_bytes, case_id FROM case_document WHERE draft_id = $1',
    [draftId],
  );
}

describe('files sent to one draft at the same instant', () => {
  it('a question taking three files gets three of five sent at once; the other two are told the question is full', async () => {
    const id = await answeredDraft();
    const results = await uploadAtOnce(id, { kind: 'question', id: 'mandate' }, [1, 1, 1, 1, 1]);
    expect(refusals(results)).toEqual(['submission.file.too_many', 'submission.file.too_many']);
    expect((await stored(id)).filter((d) => d.question_id === 'mandate')).toHaveLength(3);
  });

  it('the draft’s files stay within its cap: of four 60 KiB files sent at once to a 150 KiB draft, two are attached, two get 413', async () => {
    const id = await answeredDraft();
    const results = await uploadAtOnce(id, { kind: 'document', id: 'mandate' }, [60, 60, 60, 60]);
    expect(refusals(results)).toEqual(['submission.file.draft_full', 'submission.file.draft_full']);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ kind: 'too_large' });
    const docs = await stored(id);
    expect(docs).toHaveLength(2);
    expect(docs.reduce((s, d) => s + d.size_bytes, 0)).toBeLessThanOrEqual(DRAFT_BYTES);
    // The citizen sees the two files attached, and the room left is still there for a smaller one.
    expect((await maria.api('GET', `/api/v1/drafts/${id}`)).json<{ documents: unknown[] }>().documents).toHaveLength(2);
    expect(refusals(await uploadAtOnce(id, { kind: 'document', id: 'mandate' }, [20]))).toEqual([]);
  });

  it('a file whose upload read the draft before it was submitted, stored after, is refused: no file is left on a submitted draft', async () => {
    const id = await answeredDraft();
    const before = await getDraft(t.deps, actor, id);
    await submitDraft(t.deps, actor, { draftId: id, declared: true });
    await expect(
      attachDocument(t.deps, actor, { draft: before, target: { kind: 'document', id: 'mandate' }, upload: { filename: 'tarziu.pdf', bytes: pdf(1, 99), truncated: false } }),
    ).rejects.toMatchObject({ code: 'submission.already_submitted', kind: 'conflict' });
    expect(await stored(id)).toEqual([]);
  });

  it('a file sent while the draft is submitted is either filed with the case or refused as already submitted', async () => {
    for (let round = 0; round < 4; round++) {
      const id = await answeredDraft();
      const before = await getDraft(t.deps, actor, id);
      const [submitted, attached] = await Promise.allSettled([
        submitDraft(t.deps, actor, { draftId: id, declared: true }),
        attachDocument(t.deps, actor, { draft: before, target: { kind: 'document', id: 'mandate' }, upload: { filename: 'acum.pdf', bytes: pdf(1, round), truncated: false } }),
      ]);
      expect(submitted.status).toBe('fulfilled');
      const caseId = submitted.status === 'fulfilled' ? submitted.value.caseId : null;
      const docs = await stored(id);
      if (attached.status === 'fulfilled') expect(docs).toEqual([expect.objectContaining({ case_id: caseId })]);
      else {
        expect(attached.reason).toMatchObject({ code: 'submission.already_submitted' });
        expect(docs).toEqual([]);
      }
    }
  });
});

/** The app's dependencies, but the first transaction opened through them waits for `meanwhile` to finish first. */
const runningFirst = (meanwhile: () => Promise<unknown>) => ({ ...t.deps, db: transactionAfter(t.deps.db, meanwhile).db });

const upload = (n: number) => ({ filename: `act-${n}.pdf`, bytes: pdf(1, 1000 + n), truncated: false });
const draftRow = async (id: string) => (await t.database.query<{ submitted_case_id: string | null }>('SELECT submitted_case_id FROM case_draft WHERE id = $1', [id]))[0] ?? null;
const orphans = async (id: string) => (await t.database.query<{ n: number }>('SELECT count(*)::int AS n FROM case_document WHERE draft_id = $1 AND case_id IS NULL AND NOT EXISTS (SELECT 1 FROM case_draft d WHERE d.id = $1)', [id]))[0]!.n;

describe('giving up a draft, or taking a file off it, while it is submitted or takes a file', () => {
  it('a draft submitted after the person opened “give up” is not given up: 409, and the request keeps its data', async () => {
    const id = await answeredDraft();
    const deps = runningFirst(() => submitDraft(t.deps, actor, { draftId: id, declared: true }));
    await expect(discardDraft(deps, actor, id)).rejects.toMatchObject({ code: 'submission.already_submitted', kind: 'conflict' });
    expect((await draftRow(id))?.submitted_case_id).toEqual(expect.any(String));
    expect(await t.database.query('SELECT 1 FROM submission_state WHERE draft_id = $1', [id])).toHaveLength(1);
    expect(await t.database.query("SELECT 1 FROM audit_entry WHERE entity_id = $1 AND action = 'submission.draft_discarded'", [id])).toHaveLength(0);
  });

  it('a file the draft was submitted with is not said removed: 409, and it stays with the request', async () => {
    const id = await answeredDraft();
    const doc = await attachDocument(t.deps, actor, { draftId: id, target: { kind: 'document', id: 'mandate' }, upload: upload(1) });
    const deps = runningFirst(() => submitDraft(t.deps, actor, { draftId: id, declared: true }));
    await expect(removeDocument(deps, actor, { draftId: id, documentId: doc.id })).rejects.toMatchObject({ code: 'submission.already_submitted', kind: 'conflict' });
    expect(await stored(id)).toEqual([expect.objectContaining({ case_id: (await draftRow(id))?.submitted_case_id })]);
    expect(await t.database.query("SELECT 1 FROM audit_entry WHERE entity_id = $1 AND action = 'submission.document_removed'", [doc.id])).toHaveLength(0);
  });

  it('a submission that read the draft before a file was taken off it is refused, so the answers never name a missing file', async () => {
    // She applies for someone else: the authorisation is a file question, and saving its page names the file in the answers.
    const id = await answeredDraft();
    const doc = await attachDocument(t.deps, actor, { draftId: id, target: { kind: 'question', id: 'mandate' }, upload: upload(2) });
    expect((await maria.api('PUT', `/api/v1/drafts/${id}/pages/scop`, { answers: { purpose: 'credit', delivery: 'electronic', on_behalf: 'da' } })).status).toBe(200);
    expect((await getDraft(t.deps, actor, id)).answers.mandate).toEqual([doc.id]);
    const deps = runningFirst(() => removeDocument(t.deps, actor, { draftId: id, documentId: doc.id }));
    await expect(submitDraft(deps, actor, { draftId: id, declared: true })).rejects.toMatchObject({ code: 'submission.draft_changed', kind: 'conflict' });
    expect((await draftRow(id))?.submitted_case_id).toBeNull();
    // Sent again, the draft now lacks the authorisation and says so.
    const again = await maria.api('POST', `/api/v1/drafts/${id}/submit`, { declaration: true });
    expect(again.status).toBe(400);
    expect(Object.keys(again.json<{ error: { fields: Record<string, string> } }>().error.fields)).toContain('mandate');
  });

  it('the message says what happened, in Romanian and English', async () => {
    const id = await answeredDraft();
    const doc = await attachDocument(t.deps, actor, { draftId: id, target: { kind: 'document', id: 'mandate' }, upload: upload(3) });
    const deps = runningFirst(() => removeDocument(t.deps, actor, { draftId: id, documentId: doc.id }));
    const refused = await submitDraft(deps, actor, { draftId: id, declared: true }).catch((e: unknown) => e as { code: string });
    expect(refused).toMatchObject({ code: 'submission.draft_changed' });
    expect(translator('ro')('errors.submission.draft_changed')).toBe('Între timp un fișier a fost scos din cerere (de exemplu, dintr-o altă fereastră). Verificați cererea și trimiteți-o din nou.');
    expect(translator('en')('errors.submission.draft_changed')).toBe('Meanwhile a file was removed from the application (for example in another window). Check the application and send it again.');
  });

  it('on the page, a submission refused so shows the request as it is now, saying a file was taken off meanwhile', async () => {
    const id = await answeredDraft();
    const doc = await attachDocument(t.deps, actor, { draftId: id, target: { kind: 'question', id: 'mandate' }, upload: upload(4) });
    expect((await maria.api('PUT', `/api/v1/drafts/${id}/pages/scop`, { answers: { purpose: 'credit', delivery: 'electronic', on_behalf: 'da' } })).status).toBe(200);
    // The other tab takes the file off just before this submission's transaction (after it read the draft).
    const realDb = t.deps.db;
    const race = transactionAfter(
      realDb,
      () => removeDocument({ ...t.deps, db: realDb }, actor, { draftId: id, documentId: doc.id }),
      () => new Error().stack?.includes('submit-draft.ts') ?? false,
    );
    t.deps.db = race.db;
    try {
      const sent = await maria.post(`/cereri/ciorna/${id}/trimite-cererea`, { declaration: 'yes' });
      expect(race.ran()).toBe(true);
      expect(sent.status).toBe(409);
      expect(sent.body).toContain('Între timp un fișier a fost scos din cerere (de exemplu, dintr-o altă fereastră). Verificați cererea și trimiteți-o din nou.');
      expect(sent.body).toContain('href="#declaration"');
      expect(sent.body).not.toContain('act-4.pdf');
    } finally {
      t.deps.db = realDb;
    }
    expect((await draftRow(id))?.submitted_case_id).toBeNull();
  });

  it('files sent while the draft is given up are removed with it or refused: no file is left on a draft that is gone', async () => {
    // On PostgreSQL (DATABASE_URL) the uploads and the discard really run at once.
    for (let round = 0; round < 4; round++) {
      const id = await answeredDraft();
      const before = await getDraft(t.deps, actor, id);
      const [discarded, ...uploads] = await Promise.allSettled([
        discardDraft(t.deps, actor, id),
        ...[0, 1, 2].map((n) => attachDocument(t.deps, actor, { draft: before, target: { kind: 'document', id: 'mandate' }, upload: upload(10 * round + n) })),
      ]);
      expect(discarded.status).toBe('fulfilled');
      for (const u of uploads) if (u.status === 'rejected') expect(u.reason).toMatchObject({ code: 'submission.draft_not_found' });
      expect(await draftRow(id)).toBeNull();
      expect(await orphans(id)).toBe(0);
    }
  });

  it('a file taken off while the draft is submitted is either removed before, or refused as already submitted and filed with it', async () => {
    for (let round = 0; round < 4; round++) {
      const id = await answeredDraft();
      const doc = await attachDocument(t.deps, actor, { draftId: id, target: { kind: 'document', id: 'mandate' }, upload: upload(100 + round) });
      const [submitted, removed] = await Promise.allSettled([submitDraft(t.deps, actor, { draftId: id, declared: true }), removeDocument(t.deps, actor, { draftId: id, documentId: doc.id })]);
      const docs = await stored(id);
      if (removed.status === 'fulfilled') {
        expect(docs).toEqual([]);
        // The submission either came after (without the file) or had read it and was refused.
        if (submitted.status === 'rejected') expect(submitted.reason).toMatchObject({ code: 'submission.draft_changed' });
      } else {
        expect(removed.reason).toMatchObject({ code: 'submission.already_submitted' });
        expect(submitted.status).toBe('fulfilled');
        expect(docs).toEqual([expect.objectContaining({ case_id: expect.any(String) })]);
      }
    }
  });
});
