import { randomInt } from 'node:crypto';
import type { AppDeps } from '../../app.ts';
import type { Executor, Tx } from '../../db/database.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { listStepActions, lockCaseForStep, recordStepAction, type StepPayload, staleCaseError } from '../cases/record-step-action.ts';
import { COMPLETION_TEXT_REQUIRED, caseText } from '../cases/send-case-message.ts';
import { transitionFor } from './domain/transition.ts';
import { expectsAnswer } from '../cases/domain/case-state.ts';
import { findCaseForOfficial } from '../cases/get-case-for-official.ts';
import { nextInTurn, nextStep, type WorkflowAction, type WorkflowStep } from './domain/workflow-definition.ts';
import { allowedActions, closedAt, loadStepContext, placeAt, type StepContext, stepDepartment } from './step-context.ts';
import { findAccountName, findStepHolders, lockRotation, saveRotation, updateCaseStep } from './store.ts';
import { formatRegistryNumber } from '../registry/domain/registry-number.ts';
import { answerAwaitsSignatureOf } from '../documents/answer-awaiting-signature.ts';
import { type PreparedIssue, prepareAnswerIssue, recordAnswerIssue } from '../documents/issue-answer.ts';
import { proposeRefusal } from '../documents/propose-refusal.ts';
import { openDepartments } from '../admin/load-institution.ts';
import { holdOpenDepartment } from '../organisation/hold-open-department.ts';

export type ActOnStepInput = {
  caseId: string;
  action: WorkflowAction;
  /** The step and version (step_seq) the official saw: a case changed since then answers 409. */
  step: string;
  version: number;
  transactionId: string;
  /** assign, reassign: who (default for "Preia": the actor). */
  assigneeId?: string | null;
  /** forward: the department (default: the service's department). */
  departmentId?: string | null;
  /** return: the earlier step (default: the nearest one). */
  returnTo?: string | null;
  /** request_completion: what is missing; reject and return (required for both): why. */
  text?: unknown;
};

export type StepActed = {
  status: string;
  step: string;
  stepName: { ro: string; en: string };
  version: number;
  assigneeId: string | null;
  duplicate: boolean;
  /** The case's registration number (`N/dd.mm.yyyy`), its department and assignee now: the confirmation names them. */
  caseNumber: string;
  departmentName: string | null;
  assigneeName: string | null;
};

/** Officials who may be given the work of `step` (role holders whose membership covers its department). */
export async function candidatesFor(tx: Executor, ctx: StepContext, step: WorkflowStep, caseDepartmentId: string | null) {
  const dept = stepDepartment(ctx, step, caseDepartmentId);
  return findStepHolders(tx, { institutionId: ctx.row.institutionId, role: step.role ?? null, departmentIds: dept ? ctx.inst.pathOf(dept) : null });
}

/**
 * An official acts at the case's current workflow step: the action must be one the step allows and the official
 * must be the one expected there (its assignee, or a holder of its role over its department; heads may also
 * assign and reassign). The case action is appended to the log with the step (recordStepAction), then the case's
 * current step is moved; with round-robin or random assignment, entering an assignment step assigns at once.
 */
export async function actOnStep(deps: Pick<AppDeps, 'db' | 'now' | 'notifier' | 'config' | 'blobs'>, actor: Actor, input: ActOnStepInput): Promise<StepActed> {
  const at = deps.now();
  // Issuing delivers the signed answer when the case has one: the seal and the file are prepared outside the
  // transaction (CPU and network), then recorded inside it together with the step.
  const answer = input.action === 'issue' ? await prepareAnswerIfAny(deps, actor, input.caseId) : null;
  return deps.db.transaction(async (tx) => {
    const ctx0 = await loadStepContext(tx, actor, input.caseId);
    const locked = await lockCaseForStep(tx, ctx0.row.id);
    const actions = await listStepActions(tx, locked.id);
    // The same transactionId again (a double click, a retried request) changes nothing.
    const done = actions.find((a) => a.transactionId === input.transactionId);
    const ctx = await loadStepContext(tx, actor, input.caseId);
    if (done) return result(tx, ctx, true);
    if (ctx.step.stepSeq !== input.version || ctx.current.key !== input.step) throw await staleCaseError(tx, locked, ctx.step.stepSeq);
    const allowed = allowedActions(actor, ctx);
    if (!allowed.includes(input.action)) {
      if (!ctx.current.actions.includes(input.action)) throw new AppError('workflow.action_not_allowed', 'conflict', { step: ctx.current.name.ro, step_en: ctx.current.name.en });
      throw new AppError('workflow.not_your_step', 'forbidden');
    }
    const answers = ctx.row.answers;
    const transition = transitionFor(ctx.workflow, ctx.current, input.action, answers, { returnTo: input.returnTo ?? undefined });
    if (typeof transition === 'string') throw new AppError(transition, 'conflict');
    // A refusal proposed on the answer's route moves the case on as an approval does, under the same rules. What its
    // answer says is settled first: an official whose favourable answer waits for their signature is told to withdraw
    // it, not to sign it.
    const movesOn = input.action === 'approve' || input.action === 'sign' || transition.refusal === true;
    const refusalReason = transition.refusal ? caseText(input.text, 'reason', 1000) : null;
    if (refusalReason !== null) await proposeRefusal(tx, actor, ctx.row, refusalReason, at);
    // "Semnează" on the workflow records that the official signed: their signature must be on the answer first.
    // So must an approver's who is one of the answer's signers: approving first would move the case on to the next
    // signer, who cannot sign before them, while the case has left their own inboxes.
    if (movesOn && (await answerAwaitsSignatureOf(tx, ctx.row.id, actor.accountId))) {
      throw new AppError(input.action === 'sign' ? 'workflow.sign_answer_first' : 'workflow.sign_answer_before_approve', 'conflict');
    }
    if (movesOn && ctx.current.independentOf) {
      const own = ownEarlierStep(ctx, actions, actor.accountId);
      if (own) throw new AppError('workflow.own_work', 'conflict', { step: own.name.ro, step_en: own.name.en, current: ctx.current.name.ro, current_en: ctx.current.name.en });
    }
    const payload: StepPayload = { step: ctx.current.key, toStep: typeof transition.to === 'object' ? transition.to.key : null };
    let caseDepartmentId = ctx.row.departmentId;
    let assigneeId: string | null = null;

    if (input.action === 'assign' || input.action === 'reassign') {
      const workStep = input.action === 'assign' ? (transition.to as WorkflowStep) : ctx.current;
      const candidates = await candidatesFor(tx, ctx, workStep, caseDepartmentId);
      // Nobody chosen means "I take it" only for someone who could be chosen: a head of department who is not
      // among the step's people must say who (a forgotten choice must not land the case on the wrong desk).
      if (!input.assigneeId && (input.action === 'reassign' || !candidates.some((c) => c.accountId === actor.accountId))) {
        throw new AppError('workflow.choose_assignee', 'invalid', {}, { assigneeId: 'workflow.choose_assignee' });
      }
      // Only someone who can do the step's work may get the case, the one assigning included: a head of department
      // who is not its inspector would otherwise hold a case nobody can move on.
      const chosen = input.assigneeId || actor.accountId;
      if (!candidates.some((c) => c.accountId === chosen)) throw new AppError('workflow.bad_assignee', 'invalid', {}, { assigneeId: 'workflow.bad_assignee' });
      assigneeId = chosen;
      payload.assigneeId = chosen;
    } else if (input.action === 'forward') {
      const dept = input.departmentId
        ? openDepartments(ctx.inst.departments).find((d) => d.id === input.departmentId)
        : openDepartments(ctx.inst.departments).find((d) => d.code === ctx.row.definition.departmentCode);
      // Held open until this commits: a department closed meanwhile (after the list above was read) refuses the case,
      // and one being closed waits for it and then finds the case there (closeDepartment counts under its lock).
      if (!dept || !(await holdOpenDepartment(tx, ctx.row.institutionId, dept.id))) {
        throw new AppError('workflow.bad_department', 'invalid', {}, { departmentId: 'workflow.bad_department' });
      }
      payload.departmentId = dept.id;
      caseDepartmentId = dept.id;
    } else if (input.action === 'request_completion') {
      payload.text = caseText(input.text, 'text', undefined, COMPLETION_TEXT_REQUIRED);
    } else if (input.action === 'reject') {
      payload.reason = refusalReason ?? caseText(input.text, 'reason', 1000);
      // Proposed, not decided: the refusal became the answer to approve, sign and issue; the applicant reads it then.
      if (transition.refusal) payload.refusal = true;
    } else if (input.action === 'return') {
      // The colleague the case goes back to must read what to redo: a return without a word sent it back blind.
      payload.reason = caseText(input.text, 'reason', 1000, 'workflow.return_reason_required');
      // Back to the person who did that step before, when there was one.
      const back = [...actions].reverse().find((a) => (a.payload as StepPayload).step === payload.toStep && a.actorId);
      const to = transition.to as WorkflowStep;
      assigneeId = to.actions.includes('assign') ? null : (back?.actorId ?? null);
    }

    // The issued answer's outcome (granted, refused, information) is recorded with the case's action: the
    // register's "how it was resolved" and the applicant's page say it.
    if (answer?.doc.outcome) payload.outcome = answer.doc.outcome;
    // Issuing a signed answer e-mails it (recordAnswerIssue): one message, not a second one about the status.
    const recorded = await recordStepAction(tx, deps, {
      caseId: locked.id,
      type: transition.type,
      actorId: actor.accountId,
      transactionId: input.transactionId,
      payload,
      at,
      applicantToldElsewhere: answer !== null,
    });
    if (answer) await recordAnswerIssue(tx, deps, actor, answer, { transactionId: input.transactionId, recordCase: false });
    if (transition.to === 'closed') {
      await updateCaseStep(tx, locked.id, closedAt(ctx.current, recorded.seq));
    } else if (transition.to === 'same') {
      await updateCaseStep(tx, locked.id, {
        ...placeAt(ctx, ctx.current, { caseDepartmentId, assigneeId: input.action === 'reassign' ? assigneeId : ctx.step.stepAssigneeId, seq: recorded.seq, at }),
        // Staying at a step keeps its due day.
        stepDueOn: ctx.step.stepDueOn,
      });
    } else {
      await enterStep(tx, deps, ctx, transition.to, { caseDepartmentId, assigneeId, seq: recorded.seq, at, transactionId: input.transactionId });
    }
    return result(tx, await loadStepContext(tx, actor, locked.id), false);
  });
}

/**
 * The step of `independentOf` this official moved the case on from (approved or signed there), if any: the workflow
 * asks that someone else act at the current step.
 */
function ownEarlierStep(ctx: StepContext, actions: Awaited<ReturnType<typeof listStepActions>>, accountId: string): WorkflowStep | null {
  const keys = new Set(ctx.current.independentOf ?? []);
  const done = actions.find(
    (a) => a.actorId === accountId && ['sent_for_approval', 'approved', 'signed'].includes(a.type) && keys.has((a.payload as StepPayload).step),
  );
  return done ? (ctx.workflow.steps.find((s) => s.key === (done.payload as StepPayload).step) ?? null) : null;
}

/** Moves the case into `step`; an assignment step with automatic assignment assigns at once and moves on. */
async function enterStep(
  tx: Tx,
  deps: Pick<AppDeps, 'notifier' | 'config'>,
  ctx: StepContext,
  step: WorkflowStep,
  input: { caseDepartmentId: string | null; assigneeId: string | null; seq: number; at: Date; transactionId: string },
): Promise<void> {
  await updateCaseStep(tx, ctx.row.id, placeAt(ctx, step, input));
  const policy = ctx.workflow.assignment;
  const work = nextStep(ctx.workflow, step.key, ctx.row.answers);
  if (policy === 'choice' || !step.actions.includes('assign') || !work || input.assigneeId) return;
  const candidates = (await candidatesFor(tx, ctx, work, input.caseDepartmentId)).map((c) => c.accountId);
  if (candidates.length === 0) return; // nobody to give it to: the head assigns by hand
  const dept = stepDepartment(ctx, work, input.caseDepartmentId);
  const key = { institutionId: ctx.row.institutionId, serviceCode: ctx.row.definition.code, departmentId: dept ?? '' };
  let chosen: string;
  if (policy === 'round_robin' && dept) {
    chosen = nextInTurn(candidates, await lockRotation(tx, key))!;
    await saveRotation(tx, key, chosen, input.at);
  } else {
    chosen = candidates[randomInt(candidates.length)]!;
  }
  const recorded = await recordStepAction(tx, deps, {
    caseId: ctx.row.id,
    type: 'assigned',
    actorId: null,
    transactionId: `${input.transactionId}:auto`,
    payload: { step: step.key, toStep: work.key, assigneeId: chosen, auto: true },
    at: input.at,
  });
  await updateCaseStep(tx, ctx.row.id, placeAt(ctx, work, { ...input, assigneeId: chosen, seq: recorded.seq }));
}

async function result(db: Executor, ctx: StepContext, duplicate: boolean): Promise<StepActed> {
  return {
    status: ctx.row.status,
    step: ctx.current.key,
    stepName: ctx.current.name,
    version: ctx.step.stepSeq,
    assigneeId: ctx.step.stepAssigneeId,
    duplicate,
    caseNumber: formatRegistryNumber(ctx.row.number, ctx.row.registeredOn),
    departmentName: ctx.row.departmentName,
    assigneeName: ctx.step.stepAssigneeId ? await findAccountName(db, ctx.step.stepAssigneeId) : null,
  };
}

/**
 * The case's signed answer, sealed and stored, ready to be recorded as issued. Issuing is the institution's answer
 * leaving it, so it needs a generated answer with every planned signature (a refusal too: it is an answer); the error
 * says what is missing. Only a request that expects no answer — a notice or a booking, a term of 0 days — closes at
 * its issue step without a document (null). The closures the law allows without an answer do not pass here: an
 * anonymous petition is filed at the registry without a case (OG 27/2002 art. 7), a repeated one is joined (art. 10),
 * a misdirected one sent on (art. 6¹), a withdrawn request withdrawn.
 */
async function prepareAnswerIfAny(deps: Pick<AppDeps, 'db' | 'now' | 'blobs' | 'config'>, actor: Actor, caseId: string): Promise<PreparedIssue | null> {
  try {
    return await prepareAnswerIssue(deps, actor, caseId);
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'documents.none') throw err;
    const row = await findCaseForOfficial(deps.db, actor, caseId, 'cases.read');
    if (!expectsAnswer(row.definition.term)) return null;
    throw new AppError('workflow.issue_needs_answer', 'conflict');
  }
}
