import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { can } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { sniffContentType } from '../../platform/storage/sniff.ts';
import { InstitutionDetails, sirutaWarning } from './domain/institution-details.ts';
import { forgetDefaultInstitution } from './load-default-institution.ts';
import { findInstitution, updateInstitutionRow } from './store.ts';

export const LOGO_MAX_BYTES = 512 * 1024;

/** Validates and saves the institution's public details; returns a warning key for a suspicious SIRUTA code. */
export async function updateInstitution(
  deps: Pick<AppDeps, 'db' | 'now'>,
  input: { actor: Actor; institutionId: string; form: Record<string, unknown> },
): Promise<{ warning: string | null }> {
  if (!can(input.actor, 'organisation.manage', { institutionId: input.institutionId })) throw new AppError('forbidden', 'forbidden');
  const parsed = InstitutionDetails.safeParse(input.form);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message;
    throw new AppError('validation', 'invalid', {}, fields);
  }
  const d = parsed.data;
  await deps.db.transaction(async (tx) => {
    const before = await findInstitution(tx, input.institutionId);
    if (!before) throw new AppError('not_found', 'not_found');
    await updateInstitutionRow(tx, input.institutionId, { ...d, updatedAt: deps.now() });
    const changed = (Object.keys(d) as (keyof typeof d)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(d[k]));
    await recordAudit(tx, {
      chain: input.institutionId,
      actorId: input.actor.accountId,
      action: 'institution.updated',
      entity: 'institution',
      entityId: input.institutionId,
      details: { fields: changed },
      ip: input.actor.ip,
    });
  });
  forgetDefaultInstitution();
  return { warning: sirutaWarning(d.siruta) };
}

/** Replaces the logo with a PNG or JPEG (checked by content, at most 512 KB). */
export async function setInstitutionLogo(
  deps: Pick<AppDeps, 'db' | 'now' | 'blobs'>,
  input: { actor: Actor; institutionId: string; bytes: Uint8Array | null },
): Promise<void> {
  if (!can(input.actor, 'organisation.manage', { institutionId: input.institutionId })) throw new AppError('forbidden', 'forbidden');
  if (!input.bytes || input.bytes.length === 0) throw new AppError('validation', 'invalid', {}, { logo: 'organisation.logo_required' });
  if (input.bytes.length > LOGO_MAX_BYTES) throw new AppError('validation', 'invalid', {}, { logo: 'organisation.logo_too_large' });
  const type = sniffContentType(input.bytes);
  if (type !== 'image/png' && type !== 'image/jpeg') throw new AppError('validation', 'invalid', {}, { logo: 'organisation.logo_type' });
  const sha256 = await deps.blobs.put(input.bytes);
  await deps.db.transaction(async (tx) => {
    await updateInstitutionRow(tx, input.institutionId, { logoSha256: sha256, logoMediaType: type, updatedAt: deps.now() });
    await recordAudit(tx, {
      chain: input.institutionId,
      actorId: input.actor.accountId,
      action: 'institution.logo_changed',
      entity: 'institution',
      entityId: input.institutionId,
      details: { sha256 },
      ip: input.actor.ip,
    });
  });
  forgetDefaultInstitution();
}
