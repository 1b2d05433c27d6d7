import type { Executor } from '../../db/database.ts';
import { shareOpenDepartment } from './store.ts';

/**
 * Keeps a department from being closed until the caller's transaction ends; false when it is already closed (or not
 * the institution's). Whatever sends work to a department takes it before writing: closeDepartment locks the department
 * for update and only then counts what is in it, so of a close and a forward at the same moment one loses cleanly —
 * the close waits and finds the case there, or the forward waits and finds the department closed.
 */
export async function holdOpenDepartment(tx: Executor, institutionId: string, departmentId: string): Promise<boolean> {
  return shareOpenDepartment(tx, institutionId, departmentId);
}
