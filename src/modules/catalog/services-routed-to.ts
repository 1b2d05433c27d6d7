import type { Executor } from '../../db/database.ts';
import { listServicesRoutedTo } from './store.ts';

/** The services (codes) whose published version or draft sends their requests to the department. */
export const servicesRoutedTo = (db: Executor, institutionId: string, departmentCode: string) => listServicesRoutedTo(db, institutionId, departmentCode);
