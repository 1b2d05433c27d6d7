import type { Executor } from '../../db/database.ts';
import { cachedConfig } from '../../platform/cache/config-cache.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type DepartmentRow, findDepartmentByCode } from './store.ts';

export async function getDepartmentByCode(db: Executor, institutionId: string, code: string): Promise<DepartmentRow> {
  const d = await cachedConfig(`department:${institutionId}:${code}`, () => findDepartmentByCode(db, institutionId, code));
  if (!d) throw new AppError('organisation.department_not_found', 'not_found', { code });
  return d;
}
