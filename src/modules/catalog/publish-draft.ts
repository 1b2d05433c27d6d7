import type { AppDeps } from '../../app.ts';
import { checkForInstitution, editService, requireDraft, type ServiceEdit } from './edit-service.ts';
import { markVersion, setPublishedVersion, updateServiceCategory } from './store.ts';

/**
 * Publishes the service's draft as its current version (publishServiceVersion's semantics): the previous
 * published version is retired but kept unchanged, so cases submitted under it keep its form and rules.
 */
export async function publishDraft(deps: Pick<AppDeps, 'db' | 'now'>, input: ServiceEdit): Promise<{ version: number; versionId: string }> {
  const at = deps.now();
  return editService(deps, input, async (tx, service, audit) => {
    const draft = await requireDraft(tx, service);
    // Checked again: a department may have been removed since the draft was saved.
    const checked = await checkForInstitution(tx, input.institutionId, service, draft.definition);
    const previous = service.publishedVersionId;
    if (previous) await markVersion(tx, previous, 'retired');
    await markVersion(tx, draft.id, 'published', at);
    await setPublishedVersion(tx, service.id, draft.id);
    if (checked.category !== service.category) await updateServiceCategory(tx, service.id, checked.category);
    await audit('catalog.version_published', draft, { version: draft.version, previousVersionId: previous });
    return { version: draft.version, versionId: draft.id };
  });
}
