import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { hashPassword } from '../../platform/auth/password.ts';
import { AppError } from '../../platform/http/errors.ts';
import { passwordProblem } from '../identity/domain/password-policy.ts';
import { hashToken, insertSession } from '../identity/session-store.ts';
import { type FieldErrors, validateName } from './domain/invitation.ts';
import { isOpen } from './find-invitation.ts';
import { emailHasAccount, findInvitationByTokenHash, insertMembership, insertOfficialAccount, markInvitationAccepted } from './store.ts';

export type AcceptInvitationInput = {
  token: string;
  displayName: string;
  password: string;
  passwordConfirm: string;
  locale: 'ro' | 'en';
  ip: string | null;
  userAgent: string | null;
};

export type Joined = { accountId: string; sessionToken: string };

const invalidLink = () => new AppError('admin.invitation.invalid', 'not_found');

/**
 * The invitee sets their name and password: an official account (email verified by the link) and the membership
 * the invitation names are created, and a session starts that still owes two-factor setup (mandatory for officials).
 */
export async function acceptInvitation(deps: Pick<AppDeps, 'db' | 'config' | 'now'>, input: AcceptInvitationInput): Promise<Joined> {
  if (!input.token || input.token.length > 100) throw invalidLink();
  const tokenHash = hashToken(input.token);
  const preview = await findInvitationByTokenHash(deps.db, tokenHash);
  if (!isOpen(preview, deps.now())) throw invalidLink();

  const errors: FieldErrors = {};
  const displayName = validateName(input.displayName);
  if (!displayName) errors.displayName = 'admin.invite.error.name';
  const problem = passwordProblem(input.password, preview.email);
  if (problem) errors.password = `admin.join.error.password_${problem}`;
  else if (input.password !== input.passwordConfirm) errors.passwordConfirm = 'admin.join.error.password_mismatch';
  if (Object.keys(errors).length > 0 || !displayName) throw new AppError('validation', 'invalid', {}, errors);

  // Hashing takes ~50 ms of CPU: done before the transaction so no row stays locked meanwhile.
  const passwordHash = await hashPassword(input.password);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const inv = await findInvitationByTokenHash(tx, tokenHash, true);
    if (!isOpen(inv, now) || !(await markInvitationAccepted(tx, inv.id, now))) throw invalidLink();
    if (await emailHasAccount(tx, inv.email)) throw new AppError('admin.join.email_taken', 'conflict');
    const accountId = randomUUID();
    await insertOfficialAccount(tx, { id: accountId, email: inv.email, displayName, passwordHash, locale: input.locale, now });
    await insertMembership(tx, {
      id: randomUUID(),
      accountId,
      institutionId: inv.institutionId,
      departmentId: inv.departmentId,
      role: inv.role,
      createdAt: now,
    });
    const sessionToken = await insertSession(tx, {
      accountId,
      mfaPassed: false,
      ip: input.ip,
      userAgent: input.userAgent,
      absoluteHours: deps.config.session.absoluteHours,
      now,
    });
    await recordAudit(tx, {
      chain: inv.institutionId,
      actorId: accountId,
      action: 'official.joined',
      subjectId: accountId,
      entity: 'invitation',
      entityId: inv.id,
      details: { role: inv.role, departmentId: inv.departmentId, invitedBy: inv.invitedBy },
      ip: input.ip,
    });
    await recordAudit(tx, {
      chain: PLATFORM_CHAIN,
      actorId: accountId,
      action: 'account.created',
      subjectId: accountId,
      entity: 'account',
      entityId: accountId,
      details: { via: 'invitation', official: true },
      ip: input.ip,
    });
    return { accountId, sessionToken };
  });
}
