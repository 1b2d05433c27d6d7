import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can } from '../../platform/auth/permissions.ts';
import { randomToken } from '../../platform/http/csrf.ts';
import { AppError } from '../../platform/http/errors.ts';
import { formatDate } from '../../platform/i18n/format.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { hashToken } from '../identity/session-store.ts';
import { holdOpenDepartment } from '../organisation/hold-open-department.ts';
import { INVITATION_DAYS, type InviteOfficialInput, validateInvite } from './domain/invitation.ts';
import { loadInstitution, openDepartments } from './load-institution.ts';
import { emailHasAccount, insertInvitation, insertMembership, listActiveMemberships, revokePendingInvitationsFor } from './store.ts';
import { INVITATION_TEMPLATE } from './templates.ts';

/** `roleAdded`: the address was an official of the institution, who now holds the role too (nothing was sent). */
export type InvitationSent = { invitationId: string; email: string; expiresAt: Date; roleAdded?: { name: string; role: string } };

/**
 * An administrator invites an official by email. The link (single use, 7 days) is only in the email, which is
 * queued in the same transaction as the invitation. Inviting the same address again replaces the pending invitation.
 */
export async function inviteOfficial(
  deps: Pick<AppDeps, 'db' | 'config' | 'notifier' | 'now'>,
  input: { actor: Actor; institutionId: string; invite: InviteOfficialInput },
): Promise<InvitationSent> {
  const { actor, institutionId } = input;
  if (!can(actor, 'officials.invite', { institutionId })) throw new AppError('forbidden', 'forbidden');
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const inst = await loadInstitution(tx, institutionId);
    if (!inst) throw new AppError('not_found', 'not_found');
    const checked = validateInvite(input.invite, new Set(openDepartments(inst.departments).map((d) => d.id)));
    if (!checked.ok) throw new AppError('validation', 'invalid', {}, checked.errors);
    const invite = checked.value;
    // Held open until this commits: a department closed meanwhile gets no invitation nor official (see closeDepartment).
    if (invite.departmentId && !(await holdOpenDepartment(tx, institutionId, invite.departmentId))) {
      throw new AppError('validation', 'invalid', {}, { departmentId: 'admin.invite.error.department' });
    }
    if (!can(actor, 'officials.invite', { institutionId, departmentId: invite.departmentId, departmentPath: inst.pathOf(invite.departmentId) })) {
      throw new AppError('forbidden', 'forbidden');
    }
    // One account per email address: an existing account cannot be turned into a second one by invitation. An official
    // of this institution may take on one more role here, though (a head of department who also examines the cases,
    // as the default workflow needs): the role is added to their account at once, with no link to follow.
    if (await emailHasAccount(tx, invite.email)) {
      const held = (await listActiveMemberships(tx, institutionId)).filter((m) => m.email.toLowerCase() === invite.email);
      if (held.length === 0) throw new AppError('validation', 'invalid', {}, { email: 'admin.invite.error.email_taken' });
      if (held.some((m) => m.role === invite.role && m.departmentId === invite.departmentId)) {
        throw new AppError('validation', 'invalid', {}, { role: 'admin.invite.error.role_held' });
      }
      const membershipId = randomUUID();
      await insertMembership(tx, { id: membershipId, accountId: held[0]!.accountId, institutionId, departmentId: invite.departmentId, role: invite.role, createdAt: now });
      await recordAudit(tx, {
        chain: institutionId,
        actorId: actor.accountId,
        action: 'official.role_added',
        entity: 'membership',
        entityId: membershipId,
        details: { accountId: held[0]!.accountId, role: invite.role, departmentId: invite.departmentId },
        ip: actor.ip,
      });
      return { invitationId: membershipId, email: invite.email, expiresAt: now, roleAdded: { name: held[0]!.displayName, role: invite.role } };
    }

    await revokePendingInvitationsFor(tx, institutionId, invite.email, now);
    const token = randomToken(32);
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 3600_000);
    await insertInvitation(tx, {
      id,
      institutionId,
      departmentId: invite.departmentId,
      role: invite.role,
      email: invite.email,
      displayName: invite.displayName,
      tokenHash: hashToken(token),
      invitedBy: actor.accountId,
      expiresAt,
      createdAt: now,
    });
    const locale = actor.locale;
    const departmentName = inst.departments.find((d) => d.id === invite.departmentId)?.name;
    await deps.notifier.enqueue(tx, {
      template: INVITATION_TEMPLATE,
      institutionId,
      to: { email: invite.email, locale },
      data: {
        name: invite.displayName,
        inviter: actor.displayName,
        institution: inst.institution.name,
        institutionName: inst.institution.name,
        role: translate(locale, `admin.role.${invite.role}`),
        department: departmentName ?? translate(locale, 'admin.whole_institution'),
        expires: formatDate(expiresAt),
        url: `${deps.config.baseUrl}/invitatie?token=${encodeURIComponent(token)}`,
      },
    });
    await recordAudit(tx, {
      chain: institutionId,
      actorId: actor.accountId,
      action: 'official.invited',
      entity: 'invitation',
      entityId: id,
      details: { email: invite.email, role: invite.role, departmentId: invite.departmentId },
      ip: actor.ip,
    });
    return { invitationId: id, email: invite.email, expiresAt };
  });
}
