import type { AppDeps } from '../../app.ts';
import { DefinitionInvalidError } from './definition-invalid.ts';
import { searchTextOf } from './domain/search-services.ts';
import type { ServiceDefinition } from './domain/service-definition.ts';
import { checkForInstitution, editService, requireDraft, type ServiceEdit } from './edit-service.ts';
import { updateDraftDefinition } from './store.ts';

/** The definition as JSON text (the editor's textarea) or as a parsed value (the JSON API). */
export type DraftInput = { text: string } | { definition: unknown };

function parse(input: DraftInput): unknown {
  if ('definition' in input) return input.definition;
  try {
    return JSON.parse(input.text);
  } catch (err) {
    throw new DefinitionInvalidError([{ path: '', code: 'catalog.draft.json_syntax', params: { detail: (err as Error).message } }]);
  }
}

/** Replaces the draft's definition when it is valid; otherwise refuses it with every problem found. */
export async function updateDraft(deps: Pick<AppDeps, 'db'>, input: ServiceEdit & DraftInput): Promise<{ version: number; definition: ServiceDefinition }> {
  const value = parse(input);
  return editService(deps, input, async (tx, service, audit) => {
    const draft = await requireDraft(tx, service);
    const checked = await checkForInstitution(tx, input.institutionId, service, value);
    await updateDraftDefinition(tx, draft.id, checked, searchTextOf(checked));
    await audit('catalog.draft_updated', draft, { version: draft.version });
    return { version: draft.version, definition: checked };
  });
}
