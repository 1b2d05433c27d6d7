import type { Executor } from '../../db/database.ts';
import { deepFreeze } from '../../platform/cache/config-cache.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { ServiceDefinition } from './domain/service-definition.ts';
import { findServiceVersion } from './store.ts';

export type ServiceVersion = { id: string; institutionId: string; code: string; version: number; definition: ServiceDefinition };

/**
 * Published and retired versions never change (an edit is a new version, and cases keep theirs): once read, they
 * are kept in memory, frozen, for every later draft page and submission. Draft versions are read every time.
 */
const immutable = new Map<string, ServiceVersion>();
const MAX_VERSIONS = 2_000;

/** A version of a service, published or not: cases keep pointing at the version they were submitted with. */
export async function getServiceVersion(db: Executor, versionId: string): Promise<ServiceVersion> {
  const known = immutable.get(versionId);
  if (known) return known;
  const row = await findServiceVersion(db, versionId);
  if (!row) throw new AppError('catalog.service_not_found', 'not_found');
  const version: ServiceVersion = { id: row.id, institutionId: row.institutionId, code: row.code, version: row.version, definition: row.definition };
  if (row.status !== 'draft') {
    if (immutable.size >= MAX_VERSIONS) immutable.delete(immutable.keys().next().value!);
    immutable.set(versionId, deepFreeze(version));
  }
  return version;
}
