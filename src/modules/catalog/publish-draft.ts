import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assertCanManageCatalog } from './authorize.ts';
import { DefinitionInvalidError } from './definition-invalid.ts';
import { checkDraft } from './domain/draft.ts';
import { departmentsOf } from './institutions.ts';
import { findDraft, findService, lockService, markVersion, setPublishedVersion, updateServiceCategory } from './store.ts';

/**
 * Publishes the service's draft as its current version (publishServiceVersion's semantics): the previous
 * published version is retired but kept unchanged, so cases submitted under it keep its form and rules.
 */
export async function publishDraft(
  deps: Pick<AppDeps, 'db' | 'now'>,
  input: { actor: Actor; institutionId: string; code: string },
): Promise<{ version: number; versionId: string }> {
  assertCanManageCatalog(input.actor, input.institutionId);
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    const service = await findService(tx, input.institutionId, input.code);
    if (!service) throw new AppError('catalog.service_not_found', 'not_found');
    await lockService(tx, service.id);
    const draft = await findDraft(tx, service.id);
    if (!draft) throw new AppError('catalog.draft_not_found', 'not_found');
    // Checked again: a department may have been removed since the draft was saved.
    const departmentCodes = new Set((await departmentsOf(tx, input.institutionId)).map((d) => d.code));
    const checked = checkDraft(draft.definition, { code: service.code, departmentCodes });
    if (!checked.ok) throw new DefinitionInvalidError(checked.problems);
    const previous = service.publishedVersionId;
    if (previous) await markVersion(tx, previous, 'retired');
    await markVersion(tx, draft.id, 'published', at);
    await setPublishedVersion(tx, service.id, draft.id);
    if (checked.service.category !== service.category) await updateServiceCategory(tx, service.id, checked.service.category);
    await recordAudit(tx, {
      chain: input.institutionId,
      actorId: input.actor.accountId,
      action: 'catalog.version_published',
      entity: 'service_version',
      entityId: draft.id,
      details: { code: service.code, version: draft.version, previousVersionId: previous },
      ip: input.actor.ip,
    });
    return { version: draft.version, versionId: draft.id };
  });
}
