import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import type { ServiceDefinition } from './domain/service-definition.ts';
import { service, serviceVersion } from './schema.ts';

export type ServiceVersionRow = typeof serviceVersion.$inferSelect;
export type PublishedService = {
  serviceId: string;
  institutionId: string;
  versionId: string;
  version: number;
  definition: ServiceDefinition;
  /** Withdrawn from the online catalogue: no new request online (the counter and the registry may still take one). */
  withdrawnAt: Date | null;
};

const publishedColumns = {
  serviceId: service.id,
  institutionId: service.institutionId,
  versionId: serviceVersion.id,
  version: serviceVersion.version,
  definition: serviceVersion.definition,
  withdrawnAt: service.withdrawnAt,
};

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
    .select(publishedColumns)
    .from(service)
    .innerJoin(serviceVersion, eq(serviceVersion.id, service.publishedVersionId))
    .where(and(isNotNull(service.publishedVersionId), institutionId ? eq(service.institutionId, institutionId) : undefined))
    .orderBy(asc(service.code));
  return rows;
}

export async function findPublishedByCode(db: Executor, institutionId: string, code: string): Promise<PublishedService | null> {
  const [row] = await db
    .select(publishedColumns)
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

/** Withdraws the service from the online catalogue (`at`), or puts it back (`null`). */
export async function setWithdrawn(db: Executor, serviceId: string, at: Date | null, by: string | null): Promise<void> {
  await db.update(service).set({ withdrawnAt: at, withdrawnBy: at ? by : null }).where(eq(service.id, serviceId));
}

/** When the service of that version was withdrawn from the online catalogue (null: it is offered). */
export async function findWithdrawal(db: Executor, institutionId: string, code: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: service.withdrawnAt })
    .from(service)
    .where(and(eq(service.institutionId, institutionId), eq(service.code, code)));
  return row?.at ?? null;
}

/**
 * The same, read under a share lock on the service's row: a withdrawal (which updates that row) waits for the
 * caller's transaction to end, and the caller waits for a withdrawal already under way and reads what it committed.
 */
export async function lockWithdrawal(db: Executor, institutionId: string, code: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: service.withdrawnAt })
    .from(service)
    .where(and(eq(service.institutionId, institutionId), eq(service.code, code)))
    .for('share');
  return row?.at ?? null;
}

export type ServiceRow = typeof service.$inferSelect;
export type VersionSummary = Pick<ServiceVersionRow, 'id' | 'serviceId' | 'version' | 'status' | 'createdAt' | 'publishedAt' | 'createdBy'> & { name: ServiceDefinition['name'] };

export async function findService(db: Executor, institutionId: string, code: string): Promise<ServiceRow | null> {
  const [row] = await db
    .select()
    .from(service)
    .where(and(eq(service.institutionId, institutionId), eq(service.code, code)));
  return row ?? null;
}

export async function listServices(db: Executor, institutionId: string): Promise<ServiceRow[]> {
  return db.select().from(service).where(eq(service.institutionId, institutionId)).orderBy(asc(service.code));
}

/** Every version of the institution's services (newest first), without their definitions but with their names. */
export async function listVersionSummaries(db: Executor, institutionId: string): Promise<VersionSummary[]> {
  return db
    .select({
      id: serviceVersion.id,
      serviceId: serviceVersion.serviceId,
      version: serviceVersion.version,
      status: serviceVersion.status,
      createdAt: serviceVersion.createdAt,
      publishedAt: serviceVersion.publishedAt,
      createdBy: serviceVersion.createdBy,
      name: sql<ServiceDefinition['name']>`${serviceVersion.definition} -> 'name'`,
    })
    .from(serviceVersion)
    .innerJoin(service, eq(service.id, serviceVersion.serviceId))
    .where(eq(service.institutionId, institutionId))
    .orderBy(asc(service.code), desc(serviceVersion.version));
}

export async function listVersions(db: Executor, serviceId: string): Promise<ServiceVersionRow[]> {
  return db.select().from(serviceVersion).where(eq(serviceVersion.serviceId, serviceId)).orderBy(desc(serviceVersion.version));
}

export async function findDraft(db: Executor, serviceId: string): Promise<ServiceVersionRow | null> {
  const [row] = await db
    .select()
    .from(serviceVersion)
    .where(and(eq(serviceVersion.serviceId, serviceId), eq(serviceVersion.status, 'draft')))
    .orderBy(desc(serviceVersion.version))
    .limit(1);
  return row ?? null;
}

export async function nextVersionNumber(db: Executor, serviceId: string): Promise<number> {
  const [last] = await db
    .select({ v: sql<number>`coalesce(max(${serviceVersion.version}), 0)::int` })
    .from(serviceVersion)
    .where(eq(serviceVersion.serviceId, serviceId));
  return Number(last?.v ?? 0) + 1;
}

export async function updateDraftDefinition(db: Executor, versionId: string, definition: ServiceDefinition, searchText: string): Promise<void> {
  await db
    .update(serviceVersion)
    .set({ definition, searchText })
    .where(and(eq(serviceVersion.id, versionId), eq(serviceVersion.status, 'draft')));
}

export async function markVersion(db: Executor, versionId: string, status: 'published' | 'retired', at?: Date): Promise<void> {
  await db
    .update(serviceVersion)
    .set(status === 'published' ? { status, publishedAt: at ?? new Date() } : { status })
    .where(eq(serviceVersion.id, versionId));
}

export async function updateServiceCategory(db: Executor, serviceId: string, category: string): Promise<void> {
  await db.update(service).set({ category }).where(eq(service.id, serviceId));
}

/** Locks the service row: drafts and publications of one service happen one at a time. */
/** The service, its row locked until the transaction ends (one statement: find and lock). */
export async function lockServiceByCode(tx: Executor, institutionId: string, code: string): Promise<ServiceRow | null> {
  const [row] = await tx
    .select()
    .from(service)
    .where(and(eq(service.institutionId, institutionId), eq(service.code, code)))
    .for('update');
  return row ?? null;
}

/** Codes of the institution's services whose published version or draft sends requests to the department `code`. */
export async function listServicesRoutedTo(db: Executor, institutionId: string, departmentCode: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ code: service.code })
    .from(serviceVersion)
    .innerJoin(service, eq(service.id, serviceVersion.serviceId))
    .where(and(eq(service.institutionId, institutionId), sql`${serviceVersion.status} IN ('draft', 'published')`, sql`${serviceVersion.definition}->>'departmentCode' = ${departmentCode}`))
    .orderBy(asc(service.code));
  return rows.map((r) => r.code);
}
