import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/database.ts';
import { normaliseCui } from '../../platform/ids/cui.ts';
import { findDefaultInstitution, insertInstitution } from './store.ts';

/** A new top-level institution with its name and fiscal code only; an administrator completes the rest at /admin/organizatie. */
export async function createInstitution(tx: Tx, input: { slug: string; name: string; cui: string }): Promise<string> {
  const id = randomUUID();
  await insertInstitution(tx, { id, parentId: null, slug: input.slug, name: input.name, shortName: input.name, cui: normaliseCui(input.cui)!, address: '', workingHours: [] });
  return id;
}

/** Whether the deployment already has an institution (the setup runs once, on an empty database). */
export async function hasInstitution(tx: Tx): Promise<boolean> {
  return (await findDefaultInstitution(tx)) !== null;
}
