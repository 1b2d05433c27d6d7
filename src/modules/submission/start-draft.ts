import { randomUUID } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { cachedConfig } from '../../platform/cache/config-cache.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import type { ServiceDefinition } from '../catalog/domain/service-definition.ts';
import { findPublishedByCode } from '../catalog/store.ts';
import { getProfile } from '../identity/get-profile.ts';
import { prefillAnswers, type ProfileFacts } from './domain/prefill.ts';
import { deleteDraft, findInstitutionBySlug, insertDraft, listOpenDrafts } from './store.ts';

export type ServiceToApply = {
  institutionId: string;
  institutionSlug: string;
  serviceId: string;
  versionId: string;
  code: string;
  definition: ServiceDefinition;
  /** Companies the person may act for (active representations only). */
  companies: { companyId: string; cui: string; name: string }[];
  openDrafts: { id: string; createdAt: Date; updatedAt: Date }[];
};

/** The published service at `/servicii/:institution/:code/cerere`, with the person's open drafts of it. */
export async function findServiceToApply(deps: AppDeps, actor: Actor, input: { institutionSlug: string; code: string }): Promise<ServiceToApply> {
  if (!actor.emailVerified) throw new AppError('submission.email_unverified', 'forbidden');
  // Configuration: kept in memory until an institution or a service changes (migrations 0039, 0040).
  const inst = await cachedConfig(`institution-slug:${input.institutionSlug}`, () => findInstitutionBySlug(deps.db, input.institutionSlug));
  const code = input.code.toUpperCase();
  const svc = inst ? await cachedConfig(`published:${inst.id}:${code}`, () => findPublishedByCode(deps.db, inst.id, code)) : null;
  if (!inst || !svc) throw notFound('submission.service_not_found');
  if (svc.withdrawnAt) throw new AppError('catalog.service_withdrawn', 'conflict');
  const profile = await getProfile(deps, actor);
  const drafts = await listOpenDrafts(deps.db, actor.accountId, svc.serviceId);
  return {
    institutionId: inst.id,
    institutionSlug: inst.slug,
    serviceId: svc.serviceId,
    versionId: svc.versionId,
    code: svc.definition.code,
    definition: svc.definition,
    companies: profile.companies.filter((c) => c.status === 'active').map((c) => ({ companyId: c.companyId, cui: c.cui, name: c.name })),
    openDrafts: drafts.map((d) => ({ id: d.id, createdAt: d.createdAt, updatedAt: d.updatedAt })),
  };
}

/** What the profile knows, for the once-only prefill (the company only when the person represents it). */
export async function loadProfileFacts(deps: AppDeps, actor: Actor, companyId: string | null): Promise<ProfileFacts> {
  const profile = await getProfile(deps, actor);
  const company = companyId ? profile.companies.find((c) => c.companyId === companyId && c.status === 'active') : null;
  if (companyId && !company) throw new AppError('submission.company_not_represented', 'forbidden');
  const name = [profile.firstName, profile.lastName].filter(Boolean).join(' ') || profile.displayName;
  return {
    name,
    cnp: profile.cnp,
    cnpVerified: profile.cnpVerified,
    address: profile.address,
    email: profile.email,
    phone: profile.phone,
    company: company ? { cui: company.cui, name: company.name } : null,
  };
}

/**
 * Starts a new draft of the service's published version, prefilled from the profile. `restart` first discards
 * the person's open drafts of this service (a person has at most one open draft per service).
 */
export async function startDraft(
  deps: AppDeps,
  actor: Actor,
  input: { institutionSlug: string; code: string; companyId: string | null; restart: boolean },
): Promise<{ draftId: string }> {
  const svc = await findServiceToApply(deps, actor, input);
  if (svc.definition.applicants === 'company' && !input.companyId) throw new AppError('submission.company_required', 'invalid');
  if (svc.definition.applicants === 'person' && input.companyId) throw new AppError('submission.company_not_allowed', 'invalid');
  if (!input.restart && svc.openDrafts[0]) return { draftId: svc.openDrafts[0].id };
  const facts = await loadProfileFacts(deps, actor, input.companyId);
  if (svc.definition.verifiedIdentity && !input.companyId && !facts.cnpVerified) throw new AppError('submission.identity_not_verified', 'forbidden');
  const { answers, prefilled } = prefillAnswers(svc.definition.form, facts);
  const draftId = randomUUID();
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    for (const d of svc.openDrafts) await deleteDraft(tx, d.id);
    await insertDraft(tx, { id: draftId, accountId: actor.accountId, serviceVersionId: svc.versionId, companyId: input.companyId, answers, prefilled, now });
    await recordAudit(tx, {
      chain: svc.institutionId,
      actorId: actor.accountId,
      action: 'submission.draft_started',
      subjectId: actor.accountId,
      entity: 'case_draft',
      entityId: draftId,
      details: { service: svc.code, prefilled, discarded: svc.openDrafts.map((d) => d.id) },
      ip: actor.ip,
    });
  });
  return { draftId };
}
