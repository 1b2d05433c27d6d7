import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { normaliseCui } from '../../platform/ids/cui.ts';
import { refuseInfectedScans, type Scan, sortScans, storeScans } from '../registry/check-scans.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { attachToEntry } from '../registry/register-document.ts';
import { parsePageCount } from '../registry/domain/entry-form.ts';
import { registerForCase } from './register-for-case.ts';
import { actOnCase } from './act-on-case.ts';
import { attachCaseDocuments } from './attach-case-documents.ts';
import { isAllowed } from './domain/case-state.ts';
import { findCaseForOfficial } from './get-case-for-official.ts';
import { caseText } from './send-case-message.ts';
import { listActions } from './store.ts';

export type PaperWithdrawalInput = {
  caseId: string;
  /** The CNP (a person's request) or CUI (a company's) read from the identity document or the mandate shown. */
  identity?: unknown;
  /** The clerk saw the identity document of the person (or of the company's representative, with the mandate). */
  identityChecked?: unknown;
  reason?: unknown;
  /** The register's "Număr de file" of the paper (required on the counter's page, optional through the API). */
  pageCount?: unknown;
  requirePageCount?: boolean;
  /** The scan of the signed paper: PDF, JPEG or PNG, recognised by content, kept with the withdrawal's registry entry. */
  scans?: Scan[];
  /** The counter's page asks for the scan; the API, which took none before, leaves it optional. */
  requireScan?: boolean;
  transactionId: string;
};

/** Digits only, a CUI without its "RO": what is compared with the case's applicant. */
const digits = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, '').toUpperCase() : '');

/**
 * A person who filed a request (at the counter, without an account, or online) brings a signed withdrawal to the
 * registry. The clerk checks who they are against the case's applicant, registers the paper — an incoming document
 * with its own number, linked to the case's first entry, its scan kept with it — and the case is withdrawn with the reason they wrote: the
 * clock stops and the applicant is e-mailed, as for a withdrawal made online.
 */
export async function registerPaperWithdrawal(
  deps: Pick<AppDeps, 'db' | 'now' | 'notifier' | 'config' | 'blobs' | 'log'>,
  actor: Actor,
  input: PaperWithdrawalInput,
): Promise<{ status: string; duplicate: boolean; number: string | null; entryId: string | null }> {
  const at = deps.now();
  // The scans are checked by content (as a paper registered at the registry is) and stored before the transaction:
  // blobs are content-addressed, so a refusal below leaves at most an unreferenced copy.
  const scans = input.scans ?? [];
  const { accepted, refused } = sortScans(scans, deps.config.uploadLimitBytes);
  const scanError = refused ?? (input.requireScan && scans.length === 0 ? new AppError('cases.paper_withdrawal.scan_required', 'invalid', {}, { scan: 'cases.paper_withdrawal.scan_required' }) : null);
  if (!scanError) await refuseInfectedScans(deps, accepted);
  const stored = scanError ? [] : await storeScans(deps.blobs, accepted);
  return deps.db.transaction(async (tx) => {
    const row = await findCaseForOfficial(tx, actor, input.caseId, 'cases.read');
    if (!can(actor, 'registry.register', { institutionId: row.institutionId })) throw new AppError('forbidden', 'forbidden');
    if ((await listActions(tx, row.id)).some((a) => a.transactionId === input.transactionId)) return { status: row.status, duplicate: true, number: null, entryId: null };
    if (!isAllowed(row.status, 'withdrawn')) throw new AppError('tracking.withdraw.not_allowed', 'conflict');

    const fields: Record<string, string> = {};
    const expected = row.applicant.kind === 'company' ? (row.applicant.cui ? normaliseCui(row.applicant.cui) : null) : (row.applicant.cnp ?? null);
    const typed = row.applicant.kind === 'company' ? normaliseCui(digits(input.identity)) : digits(input.identity);
    if (expected) {
      if (!digits(input.identity)) fields.identity = `cases.paper_withdrawal.${row.applicant.kind}_identity_required`;
      else if (typed !== expected) fields.identity = `cases.paper_withdrawal.${row.applicant.kind}_identity_mismatch`;
    }
    if (input.identityChecked !== true && input.identityChecked !== 'da') fields.identityChecked = 'cases.paper_withdrawal.identity_not_checked';
    let reason = '';
    try {
      reason = caseText(input.reason, 'reason', 1000);
    } catch (err) {
      if (!(err instanceof AppError) || !err.fields) throw err;
      Object.assign(fields, err.fields);
    }
    const pages = parsePageCount(typeof input.pageCount === 'number' ? String(input.pageCount) : typeof input.pageCount === 'string' ? input.pageCount : '', input.requirePageCount ?? false);
    if ('error' in pages) fields.pageCount = pages.error;
    if (scanError?.fields) Object.assign(fields, scanError.fields);
    if (Object.keys(fields).length) throw new AppError('validation', 'invalid', scanError?.params ?? {}, fields);

    const r = await actOnCase(tx, deps, { caseId: row.id, type: 'withdrawn', actorId: actor.accountId, transactionId: input.transactionId, payload: { reason }, at });
    if (r.duplicate) return { status: r.status, duplicate: true, number: null, entryId: null };
    const entry = await registerForCase(tx, row, {
      channel: 'counter',
      summary: `Cerere de retragere a cererii nr. ${formatRegistryNumber(row.number, row.registeredOn)} (${row.definition.name.ro})`,
      pageCount: 'value' in pages ? pages.value : null,
      registeredBy: actor.accountId,
      at,
    });
    // Kept with the withdrawal's entry (the register's view) and among the case's documents (audited with their
    // hashes), where the officials and the applicant read the case: the signed paper is why the case ended.
    for (const s of stored) await attachToEntry(tx, { institutionId: row.institutionId, entryId: entry.id, ...s, uploadedBy: actor.accountId });
    await attachCaseDocuments(tx, { caseId: row.id, institutionId: row.institutionId, documents: stored, actorId: actor.accountId });
    return { status: r.status, duplicate: false, number: entry.display, entryId: entry.id };
  });
}
