import type { Executor } from '../../db/database.ts';
import { countDepartmentStaff } from './store.ts';

/** Who still belongs to a department: its officials and the invitations into it not yet accepted (nor expired). */
export const departmentStaff = (db: Executor, departmentId: string, now: Date) => countDepartmentStaff(db, departmentId, now);
