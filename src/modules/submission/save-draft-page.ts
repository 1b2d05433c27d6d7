import type { AppDeps } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { recordAudit } from '../../platform/audit/audit.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { applicablePages, conditionHolds, type Page } from '../catalog/domain/form-definition.ts';
import { type FieldError, filingDay, type RawInput, validatePage } from '../catalog/domain/validate-answers.ts';
import { type Item, nextStep, pageWith, type Step } from './domain/journey.ts';
import { fixedByCompany } from './domain/prefill.ts';
import { type DraftView, getDraft } from './get-draft.ts';
import { updateDraft, updateState } from './store.ts';

export type SaveResult = { ok: true; next: Step; draft: DraftView } | { ok: false; errors: Record<string, FieldError>; draft: DraftView; page: Page };

/** The applicable page of a draft, or 404 (a page hidden by a condition is not reachable by its URL either). */
export function applicablePage(draft: DraftView, pageId: string): Page {
  const page = applicablePages(draft.version.definition.form, draft.answers).find((p) => p.id === pageId);
  if (!page) throw notFound('submission.page_not_found');
  return page;
}

/**
 * Items shown on the page: not answered by the profile (unless the person asked to change those), and items
 * whose condition depends on a question of the same page (the server decides once the page is posted).
 */
export function pageItems(draft: DraftView, page: Page, showAll: boolean): Item[] {
  const own = new Set(page.items.map((i) => i.id));
  const answers = draft.answers;
  return page.items.filter((i) => {
    if (i.type === 'declaration') return false; // made on check-your-answers (journey.ts `declarations`)
    if (!showAll && draft.prefilled.includes(i.id)) return false;
    if ('prefill' in i && fixedByCompany(i, draft)) return false;
    if (i.showIf && own.has(i.showIf.question)) return true;
    return conditionHolds(i.showIf, answers);
  });
}

/**
 * What is wrong with a page's answers as posted, without saving anything (the items are those the person sees).
 * `now` is when the page is posted: a date question's bounds count from that day.
 */
export function checkDraftPage(draft: DraftView, page: Page, input: { raw: RawInput; showAll: boolean; now?: Date }) {
  const items = pageItems(draft, page, input.showAll);
  const raw: RawInput = { ...input.raw };
  // Files are uploaded on their own; the answer to a file question is what is attached to the draft for it.
  for (const item of items) {
    if (item.type === 'file') raw[item.id] = draft.documents.filter((d) => d.questionId === item.id).map((d) => d.id);
  }
  return { items, ...validatePage(pageWith(page, items), raw, draft.answers, filingDay(input.now)) };
}

/** Validates and saves one page of the draft (the draft is the autosave), then says where the journey goes next. */
export async function saveDraftPage(deps: AppDeps, actor: Actor, input: { draftId: string; pageId: string; raw: RawInput; showAll: boolean }): Promise<SaveResult> {
  const draft = await getDraft(deps, actor, input.draftId);
  if (draft.submittedCaseId) throw new AppError('submission.already_submitted', 'conflict');
  const page = applicablePage(draft, input.pageId);
  const { items, answers: pageAnswers, errors } = checkDraftPage(draft, page, { ...input, now: deps.now() });
  if (Object.keys(errors).length > 0) return { ok: false, errors, draft, page };

  const answers = { ...draft.answers };
  for (const item of items) delete answers[item.id];
  Object.assign(answers, pageAnswers);
  // Answers the person changed are theirs now, no longer the profile's.
  const prefilled = draft.prefilled.filter((id) => !items.some((i) => i.id === id));
  const completedPages = [...new Set([...draft.completedPages, page.id])];
  const now = deps.now();
  await deps.db.transaction(async (tx) => {
    await updateDraft(tx, draft.id, { answers, now });
    await updateState(tx, draft.id, { prefilled, completedPages, now });
    await recordAudit(tx, {
      chain: draft.version.institutionId,
      actorId: actor.accountId,
      action: 'submission.draft_saved',
      subjectId: actor.accountId,
      entity: 'case_draft',
      entityId: draft.id,
      details: { page: page.id },
      ip: actor.ip,
    });
  });
  const saved: DraftView = { ...draft, answers, prefilled, completedPages, updatedAt: now };
  return {
    ok: true,
    draft: saved,
    next: nextStep({ def: draft.version.definition.form, documents: draft.version.definition.documents, answers, prefilled, completedPages, consents: draft.consents }),
  };
}
