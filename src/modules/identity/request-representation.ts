import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import type { Mandate } from './check-mandate.ts';
import type { CompanyDetails } from './domain/registration.ts';
import { mayRenewMandate } from './domain/mandate.ts';
import { findCompanyIdByCui, findOwnRepresentation, hasLiveRepresentation, insertCompany, insertRenewalRequest, insertRepresentative } from './store.ts';

export type RepresentationRequest = { company: CompanyDetails; mandateSha256: string; mandateFilename: string };

/**
 * Records, in the caller's transaction, that the account asks to represent the company under a stored mandate
 * (pending until an official checks it), creating the company the first time its CUI is seen. Returns the company's id.
 */
export async function recordRepresentationRequest(
  tx: Executor,
  input: RepresentationRequest & { accountId: string; ip: string | null; now: Date },
): Promise<string> {
  const c = input.company;
  let companyId = await findCompanyIdByCui(tx, c.cui);
  if (!companyId) {
    companyId = randomUUID();
    await insertCompany(tx, { id: companyId, cui: c.cui, name: c.name, tradeRegisterNo: c.tradeRegisterNo, now: input.now });
  }
  const representativeId = await insertRepresentative(tx, {
    id: randomUUID(),
    companyId,
    accountId: input.accountId,
    mandateSha256: input.mandateSha256,
    mandateFilename: input.mandateFilename.slice(0, 200),
    now: input.now,
  });
  await recordAudit(tx, {
    chain: PLATFORM_CHAIN,
    actorId: input.accountId,
    action: 'company_representative.requested',
    subjectId: input.accountId,
    entity: 'company_representative',
    entityId: representativeId,
    details: { companyId, cui: c.cui, mandateSha256: input.mandateSha256 },
    ip: input.ip,
  });
  return companyId;
}

/**
 * A person who already has an account asks to represent a company (the administrator of a small firm who registered
 * for herself first): the same pending representation a new representative's registration records. A representative
 * whose mandate ends within MANDATE_RENEWAL_DAYS, or has ended, sends the next one as a renewal: it waits for the
 * registry beside the current mandate, which stays in force meanwhile (no gap). Asking again for a company one already
 * represents further ahead, or is waiting for, is refused on the CUI field.
 */
export async function requestRepresentation(
  deps: AppDeps & { blobs: BlobStore },
  actor: Actor,
  input: { company: CompanyDetails; mandate: Mandate },
): Promise<{ renewal: boolean }> {
  const today = bucharestDay(deps.now());
  const known = await findCompanyIdByCui(deps.db, input.company.cui);
  const current = known ? await findOwnRepresentation(deps.db, known, actor.accountId) : null;
  const renewal = current !== null && mayRenewMandate(current.status, current.validUntil, today);
  if (current?.renewalRequestedAt && renewal) throw refused('identity.company.renewal_pending');
  if (!renewal && known && (await hasLiveRepresentation(deps.db, known, actor.accountId, today))) throw refused('identity.company.already_represented');
  // Content-addressed: storing before the transaction can at worst leave an unreferenced blob, never a dangling hash.
  const mandateSha256 = await deps.blobs.put(input.mandate.bytes);
  if (renewal) {
    const mandateFilename = input.mandate.filename.slice(0, 200);
    await deps.db.transaction(async (tx) => {
      if (!(await insertRenewalRequest(tx, current.id, { mandateSha256, mandateFilename, now: deps.now() }))) throw refused('identity.company.renewal_pending');
      await recordAudit(tx, {
        chain: PLATFORM_CHAIN,
        actorId: actor.accountId,
        action: 'company_representative.renewal_requested',
        subjectId: actor.accountId,
        entity: 'company_representative',
        entityId: current.id,
        details: { companyId: known, cui: input.company.cui, mandateSha256 },
        ip: actor.ip,
      });
    });
    return { renewal };
  }
  await deps.db.transaction((tx) =>
    recordRepresentationRequest(tx, {
      accountId: actor.accountId,
      company: input.company,
      mandateSha256,
      mandateFilename: input.mandate.filename,
      ip: actor.ip,
      now: deps.now(),
    }),
  );
  return { renewal };
}

const refused = (code: string) => new AppError(code, 'conflict', {}, { companyCui: code });
