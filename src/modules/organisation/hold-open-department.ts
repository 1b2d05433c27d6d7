import type { Executor } from '../../db/database.ts';
import { shareOpenDepartment, shareOpenDepartmentsByCode } from './store.ts';

/**
 * Keeps a department from being closed until the caller's transaction ends; false when it is already closed (or not
 * the institution's). Whatever sends work to a department takes it before writing: closeDepartment locks the department
 * for update and only then counts what is in it, so of a close and a forward at the same moment one loses cleanly —
 * the close waits and finds the case there, or the forward waits and finds the department closed.
 */
export async function holdOpenDepartment(tx: Executor, institutionId: string, departmentId: string): Promise<boolean> {
  return shareOpenDepartment(tx, institutionId, departmentId);
}

/**
 * holdOpenDepartment for the departments a configuration names by code (a service's routing, a workflow's steps):
 * answers the codes that are not open departments of the institution (closed meanwhile, or unknown).
 */
export async function holdOpenDepartmentCodes(tx: Executor, institutionId: string, codes: readonly string[]): Promise<string[]> {
  const wanted = [...new Set(codes)];
  if (wanted.length === 0) return [];
  const held = new Set(await shareOpenDepartmentsByCode(tx, institutionId, wanted));
  return wanted.filter((c) => !held.has(c));
}
