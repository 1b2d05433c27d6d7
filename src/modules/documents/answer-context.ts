import type { Executor } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type InstitutionWithDepartments, loadInstitution } from '../admin/load-institution.ts';
import { getServiceVersion } from '../catalog/get-service-version.ts';
import { findCaseForOfficial } from '../cases/get-case-for-official.ts';
import type { CaseViewRow } from '../cases/store.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { answerSection } from './domain/answer-text.ts';
import { signingPlan } from './domain/signers.ts';
import { ANSWER_FIELD, DEFAULT_TEMPLATE, fillTemplate, placeholdersOf, templateValues } from './domain/template.ts';
import type { PlannedSigner } from './schema.ts';
import { type AnswerDraftRow, findAnswerDraft, findInstitutionRoleHolders, findLatestTemplate, findRoleHolders } from './store.ts';

/** What the answer of a case is made of: the case, its institution, the template that applies and the signers. */
export type AnswerContext = {
  row: CaseViewRow;
  inst: InstitutionWithDepartments;
  template: { title: string; body: string; remedy: string | null; version: number | null };
  /** The answer the official has written (outcome and text), null until they write it. */
  draft: AnswerDraftRow | null;
};

export { CLOSED_STATUSES } from '../cases/domain/case-state.ts';

/** The case if the official may do `action` on it (404 when they may not read it, 403 when they may read only). */
export async function loadAnswerContext(db: Executor, actor: Actor, caseId: string, action: string): Promise<AnswerContext> {
  const row = await findCaseForOfficial(db, actor, caseId, action);
  const inst = await loadInstitution(db, row.institutionId);
  if (!inst) throw new AppError('case.not_found', 'not_found');
  // The template of the service's code at the case's institution; the form is the one the case was submitted with.
  const own = await findLatestTemplate(db, row.institutionId, row.definition.code);
  const template = own ? { title: own.title, body: own.body, remedy: own.remedy, version: own.version } : { ...DEFAULT_TEMPLATE, remedy: null, version: null };
  return { row, inst, template, draft: await findAnswerDraft(db, row.id) };
}

/** The inspector who prepares the answer (the actor when they are one), the head of the case's department, the mayor. */
export async function planSigners(db: Executor, ctx: AnswerContext, actor: Actor): Promise<PlannedSigner[]> {
  const { row, inst } = ctx;
  const path = row.departmentId ? inst.pathOf(row.departmentId) : null;
  const inspectors = path ? await findRoleHolders(db, { institutionId: row.institutionId, role: 'inspector', departmentIds: path }) : [];
  const inspector =
    inspectors.find((i) => i.accountId === actor.accountId) ?? inspectors.find((i) => i.accountId === row.assigneeId) ?? inspectors[0] ?? null;
  const heads = path ? await findRoleHolders(db, { institutionId: row.institutionId, role: 'head_of_department', departmentIds: path }) : [];
  const mayors = await findInstitutionRoleHolders(db, row.institutionId, 'mayor');
  return signingPlan({ inspector, head_of_department: heads[0] ?? null, mayor: mayors[0] ?? null }, { subordinateInstitution: inst.institution.parentId !== null });
}

/** The template filled with the case's values (the outgoing number is known only once it is registered). */
export async function fillAnswer(
  db: Executor,
  ctx: AnswerContext,
  input: { officialName: string; outgoingNumber: string | null; at: Date },
): Promise<{ title: string; body: string; missing: string[] }> {
  const { row, inst } = ctx;
  const def = (await getServiceVersion(db, row.serviceVersionId)).definition;
  const values = templateValues(
    {
      number: formatRegistryNumber(row.number, row.registeredOn),
      registeredOn: row.registeredOn,
      trackingCode: row.trackingCode,
      outgoingNumber: input.outgoingNumber,
      documentDay: bucharestDay(input.at),
      applicant: row.applicant,
      serviceName: def.name.ro,
      dueOn: row.dueOn,
      institution: { name: inst.institution.name, address: inst.institution.address, cui: inst.institution.cui },
      officialName: input.officialName,
      answer: ctx.draft ? answerSection({ outcome: ctx.draft.outcome, text: ctx.draft.text, caseKind: def.caseKind, remedy: ctx.template.remedy, refusal: ctx.draft.partialRefusal }) : null,
    },
    def.form,
    row.answers,
  );
  const title = fillTemplate(ctx.template.title, values);
  // An institution's own template written before answers had a text of their own: the answer follows its text.
  const placed = placeholdersOf(ctx.template.body).includes(ANSWER_FIELD);
  const body = fillTemplate(placed ? ctx.template.body : `${ctx.template.body}\n\n{{${ANSWER_FIELD}}}`, values);
  // The answer's own text is not a value of the case: its absence is said on its own (answer_missing).
  const missing = [...new Set([...title.missing, ...body.missing])].filter((m) => m !== ANSWER_FIELD && !(m === 'numar_iesire' && input.outgoingNumber === null));
  return { title: title.text, body: body.text, missing };
}
