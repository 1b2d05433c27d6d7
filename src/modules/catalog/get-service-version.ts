import type { Executor } from '../../db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { ServiceDefinition } from './domain/service-definition.ts';
import { findServiceVersion } from './store.ts';

export type ServiceVersion = { id: string; institutionId: string; code: string; version: number; definition: ServiceDefinition };

/** A version of a service, published or not: cases keep pointing at the version they were submitted with. */
export async function getServiceVersion(db: Executor, versionId: string): Promise<ServiceVersion> {
  const row = await findServiceVersion(db, versionId);
  if (!row) throw new AppError('catalog.service_not_found', 'not_found');
  return { id: row.id, institutionId: row.institutionId, code: row.code, version: row.version, definition: row.definition };
}
