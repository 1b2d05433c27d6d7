import type { Executor } from '../../db/database.ts';
import { countOpenCasesIn, listWorkflowsUsingDepartment } from './store.ts';

/** What still goes through a department: open cases there (or at a step there) and services whose workflow has a step there. */
export async function departmentWorkload(db: Executor, dept: { id: string; code: string; institutionId: string }): Promise<{ openCases: number; workflows: string[] }> {
  return { openCases: await countOpenCasesIn(db, dept.id), workflows: await listWorkflowsUsingDepartment(db, dept.institutionId, dept.code) };
}
