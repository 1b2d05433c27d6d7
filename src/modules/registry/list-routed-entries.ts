import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { handledDepartments } from './routed-entry-access.ts';
import { listRoutedLines, type RegisterLine } from './store.ts';

export const ROUTED_PAGE_SIZE = 25;
export type RoutedState = 'open' | 'resolved';

export type RoutedEntriesPage = { institutionId: string; state: RoutedState; lines: RegisterLine[]; total: number; page: number; pageCount: number };

/**
 * The documents routed to the actor's departments that opened no case: those still to deal with (`open`, oldest
 * first) or those resolved. Someone who handles no department is refused (403): the list is not theirs.
 */
export async function listRoutedEntries(deps: Pick<AppDeps, 'db'>, actor: Actor, input: { state: RoutedState; page: number }): Promise<RoutedEntriesPage> {
  const scope = await handledDepartments(deps.db, actor);
  if (!scope) throw new AppError('forbidden', 'forbidden');
  const page = Math.max(1, Math.floor(input.page));
  const { lines, total } = await listRoutedLines(deps.db, scope.institutionId, scope.departments, input.state, { limit: ROUTED_PAGE_SIZE, offset: (page - 1) * ROUTED_PAGE_SIZE });
  return { institutionId: scope.institutionId, state: input.state, lines, total, page, pageCount: Math.max(1, Math.ceil(total / ROUTED_PAGE_SIZE)) };
}

/** How many routed documents wait in the actor's departments (the back office's link says so); null: none handled. */
export async function countOpenRoutedEntries(deps: Pick<AppDeps, 'db'>, actor: Actor): Promise<number | null> {
  const scope = await handledDepartments(deps.db, actor);
  if (!scope) return null;
  return (await listRoutedLines(deps.db, scope.institutionId, scope.departments, 'open', { limit: 0, offset: 0 })).total;
}
