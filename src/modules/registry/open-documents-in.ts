import type { Executor } from '../../db/database.ts';
import { listRoutedLines } from './store.ts';

/** How many documents routed to the department (without a case) are not resolved yet. */
export async function openDocumentsIn(db: Executor, institutionId: string, departmentId: string): Promise<number> {
  return (await listRoutedLines(db, institutionId, [departmentId], 'open', { limit: 0, offset: 0 })).total;
}
