import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { checkServiceDefinition, foldForSearch, type ServiceDefinition } from './domain/service-definition.ts';
import { service, serviceVersion } from './schema.ts';
import { insertService, insertServiceVersion, setPublishedVersion } from './store.ts';

/**
 * Saves a definition as the next version of the institution's service (creating the service the first time)
 * and publishes it. Earlier versions stay as they were: cases submitted under them keep their form and rules.
 */
export async function publishServiceVersion(
  tx: Executor,
  input: { institutionId: string; definition: unknown; actorId: string | null; at: Date },
): Promise<{ serviceId: string; versionId: string; version: number }> {
  const checked = checkServiceDefinition(input.definition);
  if (!checked.ok) throw new AppError('catalog.definition_invalid', 'invalid', { problems: checked.problems.map((p) => `${p.path}: ${p.code}`).join('; ') });
  const def: ServiceDefinition = checked.service;
  let [svc] = await tx
    .select()
    .from(service)
    .where(and(eq(service.institutionId, input.institutionId), eq(service.code, def.code)));
  if (!svc) {
    const id = randomUUID();
    await insertService(tx, { id, institutionId: input.institutionId, code: def.code, category: def.category, createdAt: input.at });
    svc = { id, institutionId: input.institutionId, code: def.code, category: def.category, publishedVersionId: null, withdrawnAt: null, withdrawnBy: null, createdAt: input.at };
  }
  const [last] = await tx
    .select({ v: sql<number>`coalesce(max(${serviceVersion.version}), 0)::int` })
    .from(serviceVersion)
    .where(eq(serviceVersion.serviceId, svc.id));
  const version = (last?.v ?? 0) + 1;
  const versionId = randomUUID();
  await insertServiceVersion(tx, {
    id: versionId,
    serviceId: svc.id,
    version,
    status: 'published',
    definition: def,
    searchText: foldForSearch([def.code, def.name.ro, def.name.en, def.description.ro, def.description.en, ...def.keywords].join(' ')),
    createdBy: input.actorId,
    createdAt: input.at,
    publishedAt: input.at,
  });
  if (svc.publishedVersionId) await tx.update(serviceVersion).set({ status: 'retired' }).where(eq(serviceVersion.id, svc.publishedVersionId));
  await setPublishedVersion(tx, svc.id, versionId);
  return { serviceId: svc.id, versionId, version };
}
