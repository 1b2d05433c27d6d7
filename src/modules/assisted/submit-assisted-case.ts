import { filingDay } from '../catalog/domain/validate-answers.ts';
import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { FieldError, RawInput } from '../catalog/domain/validate-answers.ts';
import { computeFee } from '../catalog/domain/fee.ts';
import { applicableDocuments } from '../submission/domain/journey.ts';
import { attachCaseDocuments } from '../cases/attach-case-documents.ts';
import { openCase, registerSummary } from '../cases/open-case.ts';
import { findCaseOpenedBy } from '../cases/store.ts';
import { parsePageCount } from '../registry/domain/entry-form.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { findEntry } from '../registry/store.ts';
import { checkScans, refuseInfectedScans, type Scan, storeScans } from '../registry/check-scans.ts';
import { findRecentTwinEntry, lockClerkRegistering } from '../registry/register-entry.ts';
import type { RegistryDeps } from '../registry/registry-scope.ts';
import { addressAnswer, asksAnswerByEmail, collectAnswers, emailAnswer } from './collect-answers.ts';
import { type AssistedPerson, fullName, idDocumentText, parseAssistedPerson } from './domain/assisted-person.ts';
import { getCounterService } from './list-counter-services.ts';

export type SubmitAssistedInput = {
  actor: Actor;
  institutionId: string;
  serviceCode: string;
  /** The form as posted: the identification block (p…) and the service's questions. */
  raw: RawInput;
  scans: Scan[];
  /** Repeating it changes nothing (openCase is idempotent per case; the page posts a fresh one each time). */
  transactionId?: string;
  ip?: string | null;
  /**
   * The counter page asks the number of sheets handed in (pPageCount) and needs it: the paper is in the clerk's hands.
   * An app calling the API may leave it out, and the register then shows none, as for a request filed online.
   */
  requirePageCount?: boolean;
  /**
   * Refuse, unless the form confirms it (pConfirmTwin), the same service for the same applicant filed by this clerk
   * minutes ago: the browser's Back button brings the filled form back, and one press must not file it twice.
   */
  refuseTwin?: boolean;
};

export type AssistedSubmission =
  | { ok: true; caseId: string; trackingCode: string; number: string; dueOn: string | null; feeBani: number; duplicate: boolean }
  | { ok: false; errors: Record<string, FieldError> };

/**
 * Files a request at the counter for a person without an account (assisted channel): the clerk identifies them from
 * their identity document, fills the service's form with them, attaches the scans; the case is opened with the same
 * registration and tracking as online, on the clerk's name, with no account. The person can attach it to an account
 * later (claim-case.ts).
 */
export async function submitAssistedCase(deps: RegistryDeps, input: SubmitAssistedInput): Promise<AssistedSubmission> {
  const { actor, institutionId } = input;
  const service = await getCounterService(deps, { actor, institutionId, code: input.serviceCode });
  const def = service.definition;
  // The answers are read with the person as identified; a contact the form itself gave (the home address, an e-mail
  // question) spares the clerk typing it again in the identification block.
  const identified = parseAssistedPerson(input.raw, { contactElsewhere: true });
  const collected = collectAnswers(def.form, input.raw, identified.ok ? identified.value : null, filingDay(deps.now()));
  const formAddress = addressAnswer(def.form, collected.answers);
  const person = parseAssistedPerson(input.raw, { contactElsewhere: Boolean(formAddress ?? emailAnswer(def.form, collected.answers)) });
  const errors: Record<string, FieldError> = {};
  if (!person.ok) for (const [k, v] of Object.entries(person.errors)) errors[k] = { key: `errors.${v}` };
  Object.assign(errors, collected.errors);
  if (collected.needsScans && input.scans.length === 0) errors.pScans = { key: 'errors.assisted.scans_required' };
  const pages = parsePageCount(typeof input.raw.pPageCount === 'string' ? input.raw.pPageCount : '', input.requirePageCount ?? false);
  if ('error' in pages) errors.pPageCount = { key: `errors.${pages.error}` };
  // An answer by e-mail needs an address: said on the identification block's e-mail field, where it is typed.
  const formEmail = emailAnswer(def.form, collected.answers);
  const typedEmail = typeof input.raw.pEmail === 'string' && input.raw.pEmail.trim() !== '';
  if (!errors.pEmail && !typedEmail && !formEmail && asksAnswerByEmail(def.form, collected.answers)) errors.pEmail = { key: 'errors.assisted.email_for_answer' };
  let checked: ReturnType<typeof checkScans> = [];
  try {
    checked = checkScans(input.scans, deps.config.uploadLimitBytes, 'pScans');
    await refuseInfectedScans(deps, checked, 'pScans');
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    errors.pScans = { key: `errors.${err.code}`, params: err.params };
  }
  if (!person.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  const p: AssistedPerson = person.value;

  // The person's consent, given at the counter and recorded by the clerk, for each document that applies to the
  // answers and that the institution may obtain itself: the case carries it, so the officials know to fetch it.
  const agreed = new Set((Array.isArray(input.raw.pConsent) ? input.raw.pConsent : input.raw.pConsent ? [input.raw.pConsent] : []).map(String));
  const consents = applicableDocuments(def.documents, collected.answers)
    .filter((d) => d.fetchedByInstitution && agreed.has(d.id))
    .map((d) => ({ documentId: d.id, consentAt: deps.now().toISOString(), accountId: null }));

  const company = typeof collected.answers.company_cui === 'string' ? collected.answers.company_cui : null;
  const applicantName = company && typeof collected.answers.company_name === 'string' ? collected.answers.company_name : fullName(p);
  const refuseTwin = input.refuseTwin && input.raw.pConfirmTwin !== 'yes';
  const twinIn = async (db: Executor): Promise<AssistedSubmission | null> => {
    // What openCase writes in the register for a counter request: the applicant, and the service's name with its subject.
    const twin = await findRecentTwinEntry({ db, now: deps.now }, { actor, institutionId, direction: 'incoming', channel: 'counter', issuerName: applicantName, summary: registerSummary(def.name.ro, collected.answers) });
    return twin ? { ok: false, errors: { pConfirmTwin: { key: 'errors.assisted.twin_recent', params: twin } } } : null;
  };
  const earlierFor = async (db: Executor): Promise<AssistedSubmission | null> => {
    // The same transactionId again (a retried API call) answers with the case it opened.
    const earlier = input.transactionId ? await findCaseOpenedBy(db, actor.accountId, input.transactionId) : null;
    if (!earlier) return null;
    const entry = await findEntry(db, earlier.institutionId, earlier.registryEntryId);
    const number = entry ? formatRegistryNumber(entry.number, entry.registeredOn) : '';
    return { ok: true, caseId: earlier.id, trackingCode: earlier.trackingCode, number, dueOn: earlier.dueOn, feeBani: earlier.feeBani, duplicate: true };
  };
  if (refuseTwin && !(await earlierFor(deps.db))) {
    const twin = await twinIn(deps.db);
    if (twin) return twin;
  }

  const stored = await storeScans(deps.blobs, checked);
  const feeBani = computeFee(def.fee, collected.answers) ?? 0;
  const at = deps.now();
  return deps.db.transaction(async (tx): Promise<AssistedSubmission> => {
    if (refuseTwin) {
      // Again under the lock the registry takes on the clerk: two calls at once (a retried request) both passed it.
      await lockClerkRegistering(tx, actor);
    }
    const earlier = await earlierFor(tx);
    if (earlier) return earlier;
    const twin = refuseTwin ? await twinIn(tx) : null;
    if (twin) return twin;
    const opened = await openCase(tx, {
      serviceVersionId: service.versionId,
      applicantAccountId: null,
      companyId: null,
      applicant: {
        kind: company ? 'company' : 'person',
        name: applicantName,
        cnp: p.cnp,
        cui: company,
        // Typed only in the form's own e-mail question: still the address the person is written to.
        email: p.email ?? formEmail,
        phone: p.phone,
        address: p.address ?? formAddress,
        idDocument: idDocumentText(p),
      },
      answers: collected.answers,
      channel: 'counter',
      actorId: actor.accountId,
      transactionId: input.transactionId ?? randomUUID(),
      feeBani,
      fetchedDocuments: consents,
      pageCount: 'value' in pages ? pages.value : null,
      at,
    });
    await attachCaseDocuments(tx, { caseId: opened.caseId, institutionId, documents: stored, actorId: actor.accountId });
    await recordAudit(tx, {
      chain: institutionId,
      actorId: actor.accountId,
      action: 'assisted.case_filed',
      entity: 'case',
      entityId: opened.caseId,
      details: { number: opened.registry.display, service: def.code, idDocumentType: p.idType, scans: stored.length, consents: consents.map((c) => c.documentId) },
      ip: input.ip ?? null,
    });
    return { ok: true as const, caseId: opened.caseId, trackingCode: opened.trackingCode, number: opened.registry.display, dueOn: opened.dueOn, feeBani, duplicate: false };
  });
}
