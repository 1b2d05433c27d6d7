import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import type { Tx } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';
import { hasMessage, type Locale, type T } from '../i18n/i18n.ts';
import { Button, ErrorSummary, type FieldErrors, Form, SummaryList } from './components.tsx';
import type { InstitutionInfo } from './context.ts';
import { deleteStaleDrafts, findDraft, markSubmitted, saveStepAnswers, type StepAnswers } from './journey-store.ts';

/*
 * One question per page (GOV.UK pattern) as data: a journey is an ordered list of steps, each with its
 * fields, a zod schema and an optional condition on earlier answers. The helper generates the pages,
 * keeps the answers in a resumable draft, shows "check your answers" and calls the owner's submit.
 */

/** The answers of every applicable step so far, flattened into one object (field name → parsed value). */
export type Answers = Record<string, unknown>;

/** What a step's condition and the submit callback may look at besides the answers. */
/** `ip`: the client's address (per-address limits for anonymous senders). */
export type JourneyContext = { actor: Actor | null; t: T; locale: Locale; institution: InstitutionInfo | null; ip: string | null };

export type JourneyStep = {
  /** The URL segment of the step (`subiect` → `/contact/mesaj/subiect`). */
  id: string;
  /** The question, used as the page title (and usually as the page heading inside `render`). */
  title: (t: T) => string;
  /** Parses the posted fields of this step; messages of its issues are i18n keys. */
  schema: z.ZodType<Record<string, unknown>>;
  /** Asked only when this returns true for the answers to earlier steps. */
  condition?: (answers: Answers, ctx: JourneyContext) => boolean;
  /** The question's fields (with the question as the page heading); the helper adds the form and button. */
  render: (props: { t: T; values: Record<string, unknown>; errors: FieldErrors; answers: Answers; ctx: JourneyContext }) => ComponentChildren;
  /** The rows this step contributes to "check your answers"; by default the title and the answers joined. */
  summary?: (answers: Answers, t: T) => { key: string; value: ComponentChildren }[];
  /** Where the error summary links for a field whose first input id is not the field name. */
  fieldIds?: Record<string, string>;
};

export type Journey<R extends Record<string, unknown> = Record<string, unknown>> = {
  /** Stable identifier of the journey, the key of its drafts (`contact.message`). */
  id: string;
  /** Base path: `/contact/mesaj`; steps live under it. */
  path: string;
  /** Where the first question's back link leads. */
  startBackLink?: string;
  steps: JourneyStep[];
  checkAnswers?: {
    title?: (t: T) => string;
    /** Text above the submit button, e.g. a declaration that the information is correct. */
    declaration?: (t: T, ctx: JourneyContext) => ComponentChildren;
    submitLabel?: (t: T) => string;
  };
  /** Does the work in the helper's transaction; what it returns is shown by `confirmation`. */
  submit: (input: { tx: Tx; deps: AppDeps; answers: Answers; ctx: JourneyContext }) => Promise<R>;
  confirmation: (props: { t: T; result: R; ctx: JourneyContext }) => { title: string; body: ComponentChildren };
};

export const CHECK_SEGMENT = 'verificare';
export const CONFIRMATION_SEGMENT = 'confirmare';
/** Query parameter of a "Change" link: after saving, go back to the check page. */
export const CHANGE_QUERY = 'modificare';

/** The steps that apply, in order; each condition sees only the answers to applicable earlier steps. */
export function applicableSteps(journey: Pick<Journey, 'steps'>, stored: StepAnswers, ctx: JourneyContext): JourneyStep[] {
  const out: JourneyStep[] = [];
  const seen: Answers = {};
  for (const step of journey.steps) {
    if (step.condition && !step.condition(seen, ctx)) continue;
    out.push(step);
    Object.assign(seen, stored[step.id] ?? {});
  }
  return out;
}

/** The answers of the applicable steps, flattened: what the check page shows and submit receives. */
export function collectAnswers(journey: Pick<Journey, 'steps'>, stored: StepAnswers, ctx: JourneyContext): Answers {
  const answers: Answers = {};
  for (const step of applicableSteps(journey, stored, ctx)) Object.assign(answers, stored[step.id] ?? {});
  return answers;
}

/** The first applicable step not answered yet, or null when the journey is ready to check. */
export function firstUnanswered(journey: Pick<Journey, 'steps'>, stored: StepAnswers, ctx: JourneyContext): JourneyStep | null {
  return applicableSteps(journey, stored, ctx).find((s) => !stored[s.id]) ?? null;
}

/** The applicable step after `stepId` (given the answers including that step's), or null for the check page. */
export function stepAfter(journey: Pick<Journey, 'steps'>, stored: StepAnswers, ctx: JourneyContext, stepId: string): JourneyStep | null {
  const steps = applicableSteps(journey, stored, ctx);
  const i = steps.findIndex((s) => s.id === stepId);
  return i >= 0 ? (steps[i + 1] ?? null) : null;
}

export function stepBefore(journey: Pick<Journey, 'steps'>, stored: StepAnswers, ctx: JourneyContext, stepId: string): JourneyStep | null {
  const steps = applicableSteps(journey, stored, ctx);
  const i = steps.findIndex((s) => s.id === stepId);
  return i > 0 ? (steps[i - 1] ?? null) : null;
}

/** Turns zod issues into one translated message per field (the first issue of each). */
export function fieldErrors(error: z.ZodError, t: T): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '_');
    if (errors[field]) continue;
    errors[field] = hasMessage(issue.message) ? t(issue.message) : t('journey.invalid_answer');
  }
  return errors;
}

/** A signed-in account owns its drafts; anyone else is known only by the anonymous cookie (stored hashed). */
function ownerKey(request: FastifyRequest): string {
  if (request.actor?.mfaPassed) return `account:${request.actor.accountId}`;
  return `anon:${createHash('sha256').update(request.csrfBinding).digest('base64url')}`;
}

function contextOf(request: FastifyRequest): JourneyContext {
  return { actor: request.actor?.mfaPassed ? request.actor : null, t: request.t, locale: request.locale, institution: request.institution, ip: request.ip };
}

function formValues(body: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) if (k !== '_csrf') values[k] = v;
  }
  return values;
}

function displayValue(v: unknown): string {
  if (Array.isArray(v)) return v.map(String).join(', ');
  return v == null ? '' : String(v);
}

/** Registers the GET/POST pages of a journey under its path. */
export function registerJourney<R extends Record<string, unknown>>(app: App, deps: AppDeps, journey: Journey<R>): void {
  const base = journey.path;
  const checkUrl = `${base}/${CHECK_SEGMENT}`;
  const stepUrl = (id: string, change = false) => `${base}/${id}${change ? `?${CHANGE_QUERY}=1` : ''}`;
  const byId = new Map(journey.steps.map((s) => [s.id, s]));

  const loadAnswers = async (request: FastifyRequest): Promise<StepAnswers> =>
    (await findDraft(deps.db, journey.id, ownerKey(request)))?.answers ?? {};

  function renderStep(
    request: FastifyRequest,
    reply: FastifyReply,
    step: JourneyStep,
    stored: StepAnswers,
    values: Record<string, unknown>,
    errors: FieldErrors,
    change: boolean,
  ) {
    const ctx = contextOf(request);
    const { t } = request;
    const previous = stepBefore(journey, stored, ctx, step.id);
    const back = change ? checkUrl : previous ? stepUrl(previous.id) : (journey.startBackLink ?? '/');
    const hasErrors = Object.keys(errors).length > 0;
    return reply.page(
      { title: step.title(t), hasErrors, backLink: { href: back }, status: hasErrors ? 400 : 200 },
      <>
        <ErrorSummary title={t('common.error_summary_title')} errors={errors} fieldIds={step.fieldIds} />
        <Form action={stepUrl(step.id, change)} csrfToken={request.csrfToken}>
          {step.render({ t, values, errors, answers: collectAnswers(journey, stored, ctx), ctx })}
          <Button>{t(change ? 'journey.save_and_check' : 'common.continue')}</Button>
        </Form>
      </>,
    );
  }

  app.get(base, { schema: { hide: true } }, async (request, reply) => {
    const stored = await loadAnswers(request);
    const next = firstUnanswered(journey, stored, contextOf(request));
    return reply.redirect(next ? stepUrl(next.id) : checkUrl, 303);
  });

  app.get(checkUrl, { schema: { hide: true } }, async (request, reply) => {
    const { t } = request;
    const ctx = contextOf(request);
    const stored = await loadAnswers(request);
    const missing = firstUnanswered(journey, stored, ctx);
    if (missing) return reply.redirect(stepUrl(missing.id), 303);
    const steps = applicableSteps(journey, stored, ctx);
    const answers = collectAnswers(journey, stored, ctx);
    const rows = steps.flatMap((step) => {
      const own = stored[step.id] ?? {};
      const entries = step.summary ? step.summary(answers, t) : [{ key: step.title(t), value: Object.values(own).map(displayValue).join(', ') }];
      return entries.map((e) => ({
        key: e.key,
        value: e.value,
        action: { href: stepUrl(step.id, true), label: t('common.change'), visuallyHidden: e.key.toLowerCase() },
      }));
    });
    const title = journey.checkAnswers?.title?.(t) ?? t('common.check_answers');
    const last = steps[steps.length - 1];
    return reply.page(
      { title, backLink: { href: last ? stepUrl(last.id) : base } },
      <>
        <h1 class="govuk-heading-l">{title}</h1>
        <SummaryList rows={rows} />
        {journey.checkAnswers?.declaration ? (
          <>
            <h2 class="govuk-heading-m">{t('journey.declaration_heading')}</h2>
            {journey.checkAnswers.declaration(t, ctx)}
          </>
        ) : null}
        <Form action={checkUrl} csrfToken={request.csrfToken}>
          <Button>{journey.checkAnswers?.submitLabel?.(t) ?? t('common.submit')}</Button>
        </Form>
      </>,
    );
  });

  app.post(checkUrl, { schema: { hide: true } }, async (request, reply) => {
    const ctx = contextOf(request);
    const owner = ownerKey(request);
    const outcome = await deps.db.transaction(async (tx) => {
      // Locked so that a double click submits once: the second request sees an emptied draft.
      const draft = await findDraft(tx, journey.id, owner, { lock: true });
      const stored = draft?.answers ?? {};
      const missing = firstUnanswered(journey, stored, ctx);
      if (!draft || missing) return { redirect: missing ? stepUrl(missing.id) : base };
      const result = await journey.submit({ tx, deps, answers: collectAnswers(journey, stored, ctx), ctx });
      await markSubmitted(tx, draft.id, result, deps.now());
      // Housekeeping on an indexed column, so no scheduler is needed: abandoned drafts go after 30 days.
      await deleteStaleDrafts(tx, new Date(deps.now().getTime() - DRAFT_RETENTION_DAYS * 24 * 3600 * 1000));
      return { redirect: `${base}/${CONFIRMATION_SEGMENT}` };
    });
    return reply.redirect(outcome.redirect, 303);
  });

  app.get(`${base}/${CONFIRMATION_SEGMENT}`, { schema: { hide: true } }, async (request, reply) => {
    const draft = await findDraft(deps.db, journey.id, ownerKey(request));
    if (!draft?.submittedAt || !draft.result) return reply.redirect(base, 303);
    const { title, body } = journey.confirmation({ t: request.t, result: draft.result as R, ctx: contextOf(request) });
    return reply.page({ title }, body);
  });

  app.get(`${base}/:step`, { schema: { hide: true } }, async (request, reply) => {
    const step = byId.get((request.params as { step: string }).step);
    if (!step) return reply.callNotFound();
    const ctx = contextOf(request);
    const stored = await loadAnswers(request);
    const steps = applicableSteps(journey, stored, ctx);
    const index = steps.indexOf(step);
    // A step that does not apply, or one whose earlier questions are unanswered, is not shown out of order.
    const missing = steps.slice(0, Math.max(index, 0)).find((s) => !stored[s.id]);
    if (index < 0 || missing) return reply.redirect(missing ? stepUrl(missing.id) : base, 303);
    const change = (request.query as Record<string, unknown>)[CHANGE_QUERY] === '1';
    return renderStep(request, reply, step, stored, stored[step.id] ?? {}, {}, change);
  });

  app.post(`${base}/:step`, { schema: { hide: true } }, async (request, reply) => {
    const step = byId.get((request.params as { step: string }).step);
    if (!step) return reply.callNotFound();
    const ctx = contextOf(request);
    const owner = ownerKey(request);
    const change = (request.query as Record<string, unknown>)[CHANGE_QUERY] === '1';
    const stored = (await findDraft(deps.db, journey.id, owner))?.answers ?? {};
    const values = formValues(request.body);
    const parsed = step.schema.safeParse(values);
    if (!parsed.success) return renderStep(request, reply, step, stored, values, fieldErrors(parsed.error, request.t), change);
    const updated: StepAnswers = { ...stored, [step.id]: parsed.data };
    await saveStepAnswers(deps.db, journey.id, owner, updated, deps.now());
    if (change) {
      // A changed answer may make a new question apply: ask it before returning to the check page.
      const missing = firstUnanswered(journey, updated, ctx);
      return reply.redirect(missing ? stepUrl(missing.id, true) : checkUrl, 303);
    }
    const next = stepAfter(journey, updated, ctx, step.id);
    return reply.redirect(next ? stepUrl(next.id) : checkUrl, 303);
  });
}

/** Drafts nobody touched for this long are deleted (the privacy notice states it). */
export const DRAFT_RETENTION_DAYS = 30;
