import { and, asc, eq, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { ServiceDefinition } from './domain/service-definition.ts';
import { service, serviceVersion } from './schema.ts';

export type ServiceVersionRow = typeof serviceVersion.$inferSelect;
export type PublishedService = { serviceId: string; institutionId: string; versionId: string; version: number; definition: ServiceDefinition };

export async function findServiceVersion(db: Executor, versionId: string): Promise<(ServiceVersionRow & { institutionId: string; code: string }) | null> {
  const [row] = await db
    .select({ v: serviceVersion, institutionId: service.institutionId, code: service.code })
    .from(serviceVersion)
    .innerJoin(service, eq(service.id, serviceVersion.serviceId))
    .where(eq(serviceVersion.id, versionId));
  return row ? { ...row.v, institutionId: row.institutionId, code: row.code } : null;
}

export async function listPublished(db: Executor, institutionId?: string): Promise<PublishedService[]> {
  const rows = await db
    .select({ serviceId: service.id, institutionId: service.institutionId, versionId: serviceVersion.id, version: serviceVersion.version, definition: serviceVersion.definition })
    .from(service)
    .innerJoin(serviceVersion, eq(serviceVersion.id, service.publishedVersionId))
    .where(and(isNotNull(service.publishedVersionId), institutionId ? eq(service.institutionId, institutionId) : undefined))
    .orderBy(asc(service.code));
  return rows;
}

export async function findPublishedByCode(db: Executor, institutionId: string, code: string): Promise<PublishedService | null> {
  const [row] = await db
    .select({ serviceId: service.id, institutionId: service.institutionId, versionId: serviceVersion.id, version: serviceVersion.version, definition: serviceVersion.definition })
    .from(service)
    .innerJoin(serviceVersion, eq(serviceVersion.id, service.publishedVersionId))
    .where(and(eq(service.institutionId, institutionId), eq(service.code, code)));
  return row ?? null;
}

export async function insertService(db: Executor, row: typeof service.$inferInsert): Promise<void> {
  await db.insert(service).values(row);
}

export async function insertServiceVersion(db: Executor, row: typeof serviceVersion.$inferInsert): Promise<void> {
  await db.insert(serviceVersion).values(row);
}

export async function setPublishedVersion(db: Executor, serviceId: string, versionId: string): Promise<void> {
  await db.update(service).set({ publishedVersionId: versionId }).where(eq(service.id, serviceId));
}
