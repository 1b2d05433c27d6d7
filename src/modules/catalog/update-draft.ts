import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assertCanManageCatalog } from './authorize.ts';
import { DefinitionInvalidError } from './definition-invalid.ts';
import { checkDraft } from './domain/draft.ts';
import { searchTextOf } from './domain/search-services.ts';
import type { ServiceDefinition } from './domain/service-definition.ts';
import { departmentsOf } from './institutions.ts';
import { findDraft, findService, lockService, updateDraftDefinition } from './store.ts';

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
export async function updateDraft(
  deps: Pick<AppDeps, 'db'>,
  input: { actor: Actor; institutionId: string; code: string } & DraftInput,
): Promise<{ version: number; definition: ServiceDefinition }> {
  assertCanManageCatalog(input.actor, input.institutionId);
  const value = parse(input);
  return deps.db.transaction(async (tx) => {
    const service = await findService(tx, input.institutionId, input.code);
    if (!service) throw new AppError('catalog.service_not_found', 'not_found');
    await lockService(tx, service.id);
    const draft = await findDraft(tx, service.id);
    if (!draft) throw new AppError('catalog.draft_not_found', 'not_found');
    const departmentCodes = new Set((await departmentsOf(tx, input.institutionId)).map((d) => d.code));
    const checked = checkDraft(value, { code: service.code, departmentCodes });
    if (!checked.ok) throw new DefinitionInvalidError(checked.problems);
    await updateDraftDefinition(tx, draft.id, checked.service, searchTextOf(checked.service));
    await recordAudit(tx, {
      chain: input.institutionId,
      actorId: input.actor.accountId,
      action: 'catalog.draft_updated',
      entity: 'service_version',
      entityId: draft.id,
      details: { code: service.code, version: draft.version },
      ip: input.actor.ip,
    });
    return { version: draft.version, definition: checked.service };
  });
}
