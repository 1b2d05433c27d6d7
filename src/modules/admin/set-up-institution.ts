import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import { PLATFORM_CHAIN, recordAudit } from '../../platform/audit/audit.ts';
import { isValidCui } from '../../platform/ids/cui.ts';
import { issueAccountLink } from '../identity/account-tokens.ts';
import { createInstitution, hasInstitution } from '../organisation/create-institution.ts';
import { validateName } from './domain/invitation.ts';
import { emailHasAccount, findAdministratorByEmail, insertMembership, insertOfficialAccount } from './store.ts';

export type SetUpInstitutionInput = { name: string; slug: string; cui: string; adminEmail: string; adminName: string };

/** Why the setup was refused, in the operator's words (the command line is English, as the rest of `primaria`). */
export class SetUpRefused extends Error {}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A production deployment's first day (`primaria init`): on an empty database, the institution (name, fiscal code,
 * the slug of its addresses) and its first administrator, an official account with no password yet. Returns the
 * single-use link where the administrator chooses a password; at the first sign-in they set up two-factor
 * authentication, as every official. Everything else — details, departments, officials, services — is done in /admin.
 */
export async function setUpInstitution(deps: Pick<AppDeps, 'db' | 'config' | 'now'>, input: SetUpInstitutionInput): Promise<{ institutionId: string; link: string }> {
  const name = input.name.trim();
  const slug = input.slug.trim();
  const email = input.adminEmail.trim().toLowerCase();
  const adminName = validateName(input.adminName);
  const problems = [
    name.length < 3 && '--name: the institution\'s name, at least 3 characters (e.g. "Primăria Municipiului Exemplu")',
    !/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/.test(slug) && '--slug: lower-case letters, digits and hyphens, as in its addresses (e.g. "exemplu")',
    !isValidCui(input.cui.trim()) && '--cui: the institution\'s fiscal code (CUI), with a valid check digit',
    !EMAIL.test(email) && '--admin-email: the first administrator\'s e-mail address',
    !adminName && '--admin-name: the first administrator\'s name, at least 3 characters',
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0) throw new SetUpRefused(problems.join('\n'));
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    if (await hasInstitution(tx)) {
      throw new SetUpRefused('The database already has an institution: `primaria init` only sets up an empty one. For a new sign-in link of an administrator: primaria admin-link <e-mail>');
    }
    const institutionId = await createInstitution(tx, { slug, name, cui: input.cui.trim() });
    const accountId = randomUUID();
    await insertOfficialAccount(tx, { id: accountId, email, displayName: adminName!, passwordHash: null, locale: 'ro', now });
    await insertMembership(tx, { id: randomUUID(), accountId, institutionId, departmentId: null, role: 'administrator', createdAt: now });
    await recordAudit(tx, { chain: institutionId, actorId: null, action: 'institution.created', entity: 'institution', entityId: institutionId, details: { slug, via: 'cli' } });
    await recordAudit(tx, {
      chain: PLATFORM_CHAIN,
      actorId: null,
      action: 'account.created',
      subjectId: accountId,
      entity: 'account',
      entityId: accountId,
      details: { via: 'cli', official: true, role: 'administrator' },
    });
    const link = await issueAccountLink(tx, deps, accountId, 'reset_password');
    return { institutionId, link };
  });
}

/**
 * A fresh link to choose a password for an administrator (`primaria admin-link`): the first one lapsed, or the only
 * administrator lost their password where no e-mail goes out yet. Only for an active administrator's account.
 */
export async function issueAdministratorLink(deps: Pick<AppDeps, 'db' | 'config' | 'now'>, input: { email: string }): Promise<string> {
  const email = input.email.trim().toLowerCase();
  return deps.db.transaction(async (tx) => {
    const admin = await findAdministratorByEmail(tx, email);
    if (!admin) {
      const why = (await emailHasAccount(tx, email)) ? 'is not an active administrator' : 'has no account';
      throw new SetUpRefused(`${email} ${why}: a link is given only to an administrator (primaria init sets up the first one)`);
    }
    await recordAudit(tx, { chain: PLATFORM_CHAIN, actorId: null, action: 'account.password_link_issued', subjectId: admin.accountId, entity: 'account', entityId: admin.accountId, details: { via: 'cli' } });
    return issueAccountLink(tx, deps, admin.accountId, 'reset_password');
  });
}
