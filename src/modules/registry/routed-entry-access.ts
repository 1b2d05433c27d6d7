import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { can, departmentsInScope } from '../../platform/auth/permissions.ts';
import { AppError } from '../../platform/http/errors.ts';
import { isUuid } from '../../platform/ids/uuid.ts';
import { departmentsUnder, type InstitutionWithDepartments, institutionsWhere, loadInstitution } from '../admin/load-institution.ts';
import { findLineById, type RegisterLine } from './store.ts';

/**
 * A registered document that opened no case is handled in the department it was routed to (and above it: a director
 * sees the services of the directorate). Its people read it, say how it was resolved, or forward it elsewhere.
 */
export type RoutedEntryAccess = {
  line: RegisterLine;
  inst: InstitutionWithDepartments;
  /** Read, resolve and forward it: an official of its department (or of the whole institution). */
  handles: boolean;
  /** Forward it to another department, while it is not resolved: its department's people, or the registry that routed it. */
  mayForward: boolean;
};

/** Is this line one of the documents departments handle: incoming or internal, no case, routed somewhere? */
export const isRoutedDocument = (line: Pick<RegisterLine, 'caseId' | 'direction' | 'departmentId'>): boolean =>
  line.caseId === null && line.direction !== 'outgoing' && line.departmentId !== null;

/**
 * Resolved: its department said how (the register's "modul de rezolvare"), or a reply to it was registered. The list
 * of open documents (store.ts `listRoutedLines`) says the same in SQL.
 */
export const isResolvedDocument = (line: Pick<RegisterLine, 'resolvedOn' | 'answeredBy'>): boolean => line.resolvedOn !== null || line.answeredBy.length > 0;

/**
 * The entry as the actor may act on it. Someone who may neither handle it nor read the register gets the same 404
 * as for an entry that does not exist: a guessed id tells nothing.
 */
export async function routedEntryAccess(db: Executor, actor: Actor, entryId: string): Promise<RoutedEntryAccess> {
  const line = isUuid(entryId) ? await findLineById(db, entryId) : null;
  const inst = line ? await loadInstitution(db, line.institutionId) : null;
  if (!line || !inst) throw new AppError('registry.entry_not_found', 'not_found');
  const target = { institutionId: line.institutionId, departmentPath: line.departmentId ? inst.pathOf(line.departmentId) : [] };
  const handles = isRoutedDocument(line) && can(actor, 'registry.handle', target);
  const readsRegister = can(actor, 'registry.read', { institutionId: line.institutionId });
  if (!handles && !readsRegister) throw new AppError('registry.entry_not_found', 'not_found');
  const mayForward = isRoutedDocument(line) && !isResolvedDocument(line) && (handles || can(actor, 'registry.register', { institutionId: line.institutionId }));
  return { line, inst, handles, mayForward };
}

/**
 * The institution and departments whose routed documents the actor handles: 'institution' for all of them, else the
 * departments of their memberships and every department below those. Null: the actor handles none.
 */
export async function handledDepartments(db: Executor, actor: Actor): Promise<{ institutionId: string; departments: string[] | 'institution' } | null> {
  const [institutionId] = institutionsWhere(actor, 'registry.handle');
  if (!institutionId) return null;
  const scope = departmentsInScope(actor, 'registry.handle', institutionId);
  if (scope === 'institution') return { institutionId, departments: 'institution' };
  const inst = await loadInstitution(db, institutionId);
  return { institutionId, departments: inst ? departmentsUnder(inst, scope) : [] };
}
