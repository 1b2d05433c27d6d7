import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { assertCanManageCatalog } from './authorize.ts';
import { blankServiceDefinition } from './domain/draft.ts';
import { searchTextOf } from './domain/search-services.ts';
import { CATEGORIES } from './domain/service-definition.ts';
import { holdOpenDepartmentCodes } from '../organisation/hold-open-department.ts';
import { departmentsOf } from './institutions.ts';
import { findService, insertService, insertServiceVersion } from './store.ts';

export const NewService = z.object({
  code: z.string().trim().toUpperCase().regex(/^[A-Z][A-Z0-9-]{1,30}$/, 'catalog.new.error.code'),
  category: z.enum(CATEGORIES, { error: 'catalog.new.error.category' }),
  nameRo: z.string().trim().min(1, 'catalog.new.error.name_ro').max(200, 'catalog.new.error.name_ro'),
  nameEn: z.string().trim().min(1, 'catalog.new.error.name_en').max(200, 'catalog.new.error.name_en'),
  departmentCode: z.string().trim().min(1, 'catalog.new.error.department'),
});
export type NewService = z.infer<typeof NewService>;

/**
 * A new service of the institution, from the blank template, as draft version 1: nothing is public until the
 * administrator completes and publishes it. Field errors are i18n keys.
 */
export async function createService(
  deps: Pick<AppDeps, 'db' | 'now'>,
  input: { actor: Actor; institutionId: string; fields: Record<string, unknown> },
): Promise<{ code: string; versionId: string }> {
  assertCanManageCatalog(input.actor, input.institutionId);
  const parsed = NewService.safeParse(input.fields);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message.startsWith('catalog.') ? i.message : `catalog.new.error.${String(i.path[0])}`;
  const at = deps.now();
  return deps.db.transaction(async (tx) => {
    const departments = new Set((await departmentsOf(tx, input.institutionId)).map((d) => d.code));
    const fields = parsed.success ? parsed.data : null;
    if (fields && !departments.has(fields.departmentCode)) errors.departmentCode = 'catalog.new.error.department';
    // Held open until this commits: a department being closed meanwhile refuses the service (holdOpenDepartment).
    else if (fields && (await holdOpenDepartmentCodes(tx, input.institutionId, [fields.departmentCode])).length) errors.departmentCode = 'catalog.new.error.department_closed';
    if (fields && (await findService(tx, input.institutionId, fields.code))) errors.code = 'catalog.new.error.code_taken';
    if (!fields || Object.keys(errors).length) throw new AppError('validation', 'invalid', {}, errors);
    const definition = blankServiceDefinition({
      code: fields.code,
      category: fields.category,
      name: { ro: fields.nameRo, en: fields.nameEn },
      departmentCode: fields.departmentCode,
    });
    const serviceId = randomUUID();
    const versionId = randomUUID();
    await insertService(tx, { id: serviceId, institutionId: input.institutionId, code: fields.code, category: fields.category, createdAt: at });
    await insertServiceVersion(tx, {
      id: versionId,
      serviceId,
      version: 1,
      status: 'draft',
      definition,
      searchText: searchTextOf(definition),
      createdBy: input.actor.accountId,
      createdAt: at,
    });
    await recordAudit(tx, {
      chain: input.institutionId,
      actorId: input.actor.accountId,
      action: 'catalog.service_created',
      entity: 'service',
      entityId: serviceId,
      details: { code: fields.code, category: fields.category },
      ip: input.actor.ip,
    });
    return { code: fields.code, versionId };
  });
}
