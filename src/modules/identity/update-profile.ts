import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { type ProfileInput, validateProfileChange } from './domain/profile.ts';
import { findProfile, updateAccountProfile, updatePersonAddress } from './store.ts';

/**
 * Changes one's own display name, phone, address, notification channels and language. The audit entry names
 * the fields that changed, not their values (the audit log is not a second copy of personal data).
 */
export async function updateProfile(deps: AppDeps, actor: Actor, input: ProfileInput): Promise<{ changed: string[] }> {
  const v = validateProfileChange(input);
  if (!v.ok) throw new AppError('validation', 'invalid', {}, v.errors);
  const change = v.value;
  return deps.db.transaction(async (tx) => {
    const before = await findProfile(tx, actor.accountId);
    if (!before) throw notFound();
    const phone = change.phone !== undefined ? change.phone : before.phone;
    const notifySms = change.notifySms ?? before.notifySms;
    if (notifySms && !phone) throw new AppError('validation', 'invalid', {}, { notifySms: 'identity.notify_sms.needs_phone' });
    const changed = (Object.keys(change) as (keyof typeof change)[]).filter((k) => change[k] !== before[k]);
    if (changed.length === 0) return { changed };
    const { address, ...accountChange } = change;
    await updateAccountProfile(tx, actor.accountId, Object.fromEntries(Object.entries(accountChange).filter(([k]) => changed.includes(k as never))), deps.now());
    if (changed.includes('address') && before.hasPerson) await updatePersonAddress(tx, actor.accountId, address ?? null);
    await recordAudit(tx, {
      chain: PLATFORM_CHAIN,
      actorId: actor.accountId,
      action: 'account.profile_updated',
      subjectId: actor.accountId,
      entity: 'account',
      entityId: actor.accountId,
      details: { fields: changed },
      ip: actor.ip,
    });
    return { changed };
  });
}
