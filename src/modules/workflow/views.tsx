import { randomUUID } from 'node:crypto';
import { formatDate } from '../../platform/i18n/format.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { Button, Details, type FieldErrors, Form, InsetText, Radios, SummaryList, Textarea, WarningText } from '../../platform/web/components.tsx';
import { treeOption } from '../organisation/domain/department-tree.ts';
import type { WorkflowAction, WorkflowDefinition, WorkflowProblem, WorkflowStep } from './domain/workflow-definition.ts';
import type { BrokenWorkflow } from './manage-workflow.ts';
import type { StepActed } from './act-on-step.ts';
import type { CaseWorkflowView } from './get-case-workflow.ts';
import { CLOSED_STATUSES, type CaseStatus } from '../cases/domain/case-state.ts';

export const workflowActionPath = (caseId: string) => `/birou/dosare/${caseId}/flux`;

const dayText = (iso: string | null) => (iso ? formatDate(`${iso}T12:00:00Z`) : '—');

/** "Pasul 2: Șeful de serviciu repartizează — Șef de serviciu; 2 zile lucrătoare; acțiuni: repartizează, …" */
export function describeStep(t: T, step: WorkflowStep, n: number, steps: readonly WorkflowStep[] = []): string {
  const who = [step.role ? t(`workflow.role.${step.role}`) : t('workflow.role.any'), step.departmentCode ? t('workflow.preview.department', { code: step.departmentCode }) : null]
    .filter(Boolean)
    .join(', ');
  const line = t('workflow.preview.step', {
    n,
    name: step.name[t.locale],
    who,
    days: t.plural('workflow.preview.days', step.dueDays),
    actions: step.actions.map((a) => t(`workflow.action_name.${a}`)).join(', '),
  });
  const notes: string[] = [];
  if (step.when) {
    const values = [...(step.when.in ?? []), ...(step.when.equals !== undefined ? [String(step.when.equals)] : [])].map((v) => `„${v}”`).join(', ');
    notes.push(t('workflow.preview.when', { question: step.when.question, values }));
  }
  if (step.independentOf) {
    const names = step.independentOf.map((k) => `„${steps.find((x) => x.key === k)?.name[t.locale] ?? k}”`);
    notes.push(t('workflow.preview.independent', { steps: names.join(', ') }));
  }
  return notes.length ? `${line} (${notes.join('; ')})` : line;
}

/** What keeps a stored workflow from taking an answer to its issue (missingSignerSteps), on its administration page. */
export function WorkflowProblems(props: { t: T; problems: readonly WorkflowProblem[] }) {
  const { t } = props;
  if (props.problems.length === 0) return null;
  return (
    <>
      <WarningText>{t('workflow.admin.broken')}</WarningText>
      <ul class="govuk-list govuk-list--bullet">
        {props.problems.map((p) => (
          <li key={p.code}>{t(`errors.${p.code}`, p.params)}</li>
        ))}
      </ul>
      <p class="govuk-body">{t('workflow.admin.broken_fix')}</p>
    </>
  );
}

/** The institution's stored workflows that cannot take an answer to its issue, each linked to its editor (/admin). */
export function BrokenWorkflows(props: { t: T; broken: readonly BrokenWorkflow[] }) {
  const { t } = props;
  if (props.broken.length === 0) return null;
  return (
    <section aria-labelledby="fluxuri-defecte">
      <h2 class="govuk-heading-m" id="fluxuri-defecte">
        {t('workflow.admin.broken_title')}
      </h2>
      <WarningText>{t('workflow.admin.broken_list')}</WarningText>
      <ul class="govuk-list govuk-list--bullet">
        {props.broken.map((w) => (
          <li key={w.serviceCode}>
            <a class="govuk-link" href={`/admin/fluxuri/${w.institutionSlug}/${w.serviceCode}`}>
              {w.serviceName?.[t.locale] ?? w.serviceCode}
            </a>
            : {w.problems.map((p) => t(`errors.${p.code}`, p.params)).join('; ')}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function WorkflowPreview(props: { t: T; workflow: WorkflowDefinition; current?: string; skipped?: ReadonlySet<string> }) {
  const { t, workflow } = props;
  return (
    <>
      <p class="govuk-body">{t(`workflow.assignment.${workflow.assignment}`)}</p>
      <ol class="govuk-list govuk-list--number">
        {workflow.steps.map((s, i) => (
          <li key={s.key}>
            {s.key === props.current ? <strong>{describeStep(t, s, i + 1, workflow.steps)}</strong> : describeStep(t, s, i + 1, workflow.steps)}
            {s.key === props.current ? <span class="govuk-body-s"> — {t('workflow.panel.current')}</span> : null}
            {props.skipped?.has(s.key) ? <span class="govuk-body-s"> — {t('workflow.panel.skipped')}</span> : null}
          </li>
        ))}
      </ol>
    </>
  );
}

function Hidden(props: { view: CaseWorkflowView; action: WorkflowAction; next?: string }) {
  return (
    <>
      <input type="hidden" name="action" value={props.action} />
      <input type="hidden" name="step" value={props.view.step.key} />
      <input type="hidden" name="version" value={String(props.view.version)} />
      <input type="hidden" name="transactionId" value={randomUUID()} />
      {props.next ? <input type="hidden" name="next" value={props.next} /> : null}
    </>
  );
}

/**
 * The confirmation after a workflow action, naming the case (from an inbox row the official must know which one it
 * was): "Dosarul nr. 12/22.11.2026 a fost trimis la …", "… a fost repartizat către …".
 */
export function actedText(t: T, acted: StepActed, input: { action: WorkflowAction; actorId: string }): string {
  const number = acted.caseNumber;
  if (acted.status === 'issued') return t('workflow.done_issued', { number });
  if (acted.status === 'rejected') return t('workflow.done_rejected', { number });
  if ((CLOSED_STATUSES as readonly CaseStatus[]).includes(acted.status as CaseStatus)) return t('workflow.done_closed', { number });
  if (input.action === 'forward' && acted.departmentName) return t('workflow.done_forward', { number, department: acted.departmentName });
  if ((input.action === 'assign' || input.action === 'reassign') && acted.assigneeId) {
    return acted.assigneeId === input.actorId ? t('workflow.done_assign_self', { number }) : t('workflow.done_assign', { number, name: acted.assigneeName ?? '—' });
  }
  if (input.action === 'sign') return t('workflow.done_sign', { number, step: acted.stepName[t.locale] });
  if (input.action === 'request_completion') return t('workflow.done_request_completion', { number });
  if (input.action === 'return') return t('workflow.done_return', { number, step: acted.stepName[t.locale] });
  if (input.action === 'approve') return t('workflow.done_approve', { number, step: acted.stepName[t.locale] });
  if (input.action === 'reject') return t('workflow.done_refusal_proposed', { number, step: acted.stepName[t.locale] });
  return t('workflow.done', { number, step: acted.stepName[t.locale] });
}

/** "Nobody in <department> can take the case: there is no <role> there." */
export function unstaffedText(t: T, u: { role: string | null; departmentName: string | null }): string {
  return t('workflow.panel.unstaffed', { department: u.departmentName ?? t('workflow.panel.institution'), role: u.role ? t(`workflow.role.${u.role}`) : t('workflow.role.any') });
}

/** The case's workflow on the official's case page: where it is, and the forms of the actions this official may take. */
export function WorkflowPanel(props: { t: T; csrfToken: string; caseId: string; view: CaseWorkflowView; errors?: FieldErrors; errorAction?: string; values?: Record<string, string | undefined> }) {
  const { t, view, caseId } = props;
  const action = workflowActionPath(caseId);
  const err = (a: WorkflowAction, field: string) => (props.errorAction === a ? props.errors?.[field] : undefined);
  const val = (a: WorkflowAction, field: string) => (props.errorAction === a ? props.values?.[field] : undefined);
  // The form that came back with an error stays open: its message and field must be seen, not hidden in a closed disclosure.
  const opened = (a: WorkflowAction) => props.errorAction === a;
  const simple = (a: WorkflowAction, variant?: 'secondary' | 'warning') => (
    <Form action={action} csrfToken={props.csrfToken}>
      <Hidden view={view} action={a} />
      <Button variant={variant}>{t(`workflow.action.${a}`)}</Button>
    </Form>
  );
  // A department without anyone of the next step's role: a radio group with no choice and a button that can only fail.
  const nobodyToAssign = view.assignees.length === 0;
  const forms: Record<WorkflowAction, () => preact.JSX.Element | null> = {
    assign: () =>
      nobodyToAssign ? (
        // The warning over the panel already says nobody can take the case.
        view.unstaffed ? null : <InsetText>{t('workflow.panel.no_assignees', { department: view.step.departmentName ?? '—' })}</InsetText>
      ) : (
        <Form action={action} csrfToken={props.csrfToken}>
          <Hidden view={view} action="assign" />
          <Radios name="assigneeId" legend={t('workflow.field.assignee')} error={err('assign', 'assigneeId')} value={val('assign', 'assigneeId')} items={view.assignees.map((a) => ({ value: a.id, label: a.name }))} />
          <Button>{t('workflow.action.assign')}</Button>
        </Form>
      ),
    reassign: () =>
      nobodyToAssign ? null : (
        <Details summary={t('workflow.action.reassign')} open={opened('reassign')}>
          <Form action={action} csrfToken={props.csrfToken}>
            <Hidden view={view} action="reassign" />
            <Radios name="assigneeId" legend={t('workflow.field.assignee')} error={err('reassign', 'assigneeId')} items={view.assignees.map((a) => ({ value: a.id, label: a.name }))} />
            <Button variant="secondary">{t('workflow.action.reassign')}</Button>
          </Form>
        </Details>
      ),
    request_completion: () => (
      <Details summary={t('workflow.action.request_completion')} open={opened('request_completion')}>
        <Form action={action} csrfToken={props.csrfToken}>
          <Hidden view={view} action="request_completion" />
          <Textarea id="flux-request_completion-text" name="text" label={t('workflow.field.completion')} error={err('request_completion', 'text')} value={val('request_completion', 'text')} maxLength={5000} rows={4} />
          <Button variant="secondary">{t('workflow.action.request_completion')}</Button>
        </Form>
      </Details>
    ),
    approve: () => simple('approve'),
    sign: () => (
      <>
        <InsetText>{t('workflow.sign_note')}</InsetText>
        {simple('sign')}
      </>
    ),
    issue: () => simple('issue'),
    forward: () => (
      <Details summary={t('workflow.action.forward')} open={opened('forward')}>
        <Form action={action} csrfToken={props.csrfToken}>
          <Hidden view={view} action="forward" />
          <div class="govuk-form-group">
            <label class="govuk-label" for="flux-departmentId">
              {t('workflow.field.department')}
            </label>
            <select class="govuk-select" id="flux-departmentId" name="departmentId">
              {view.departments.map((d) => {
                const name = d.isService ? t('workflow.field.department_service', { name: d.name }) : d.name;
                return (
                  <option key={d.id} value={d.id} selected={d.isService}>
                    {treeOption(d.depth, d.staffed ? name : t('workflow.field.department_unstaffed', { name }))}
                  </option>
                );
              })}
            </select>
          </div>
          {view.departments.some((d) => !d.staffed) ? <InsetText>{t('workflow.field.department_unstaffed_hint')}</InsetText> : null}
          <Button variant="secondary">{t('workflow.action.forward')}</Button>
        </Form>
      </Details>
    ),
    return: () => (
      <Details summary={t('workflow.action.return')} open={opened('return')}>
        <Form action={action} csrfToken={props.csrfToken}>
          <Hidden view={view} action="return" />
          <Radios name="returnTo" legend={t('workflow.field.return_to')} value={view.returnTargets[0]?.key} items={view.returnTargets.map((s) => ({ value: s.key, label: s.name[t.locale] }))} />
          <Textarea id="flux-return-reason" name="text" label={t('workflow.field.return_reason')} hint={t('workflow.field.return_reason_hint')} error={err('return', 'reason')} value={val('return', 'text')} maxLength={1000} rows={3} />
          <Button variant="secondary">{t('workflow.action.return')}</Button>
        </Form>
      </Details>
    ),
    reject: () => {
      // On the answer's route a refusal is proposed, and travels to approval and signing; elsewhere it closes the case.
      const label = t(view.rejectProposes ? 'workflow.action.reject_proposal' : 'workflow.action.reject');
      return (
        <Details summary={label} open={opened('reject')}>
          <Form action={action} csrfToken={props.csrfToken}>
            <Hidden view={view} action="reject" />
            <Textarea
              id="flux-reject-reason"
              name="text"
              label={t(view.rejectProposes ? 'workflow.field.refusal_reason' : 'workflow.field.reason')}
              hint={t(view.rejectProposes ? 'workflow.field.refusal_reason_hint' : 'workflow.field.reason_hint')}
              error={err('reject', 'reason')}
              value={val('reject', 'text')}
              maxLength={1000}
              rows={3}
            />
            <Button variant="warning">{label}</Button>
          </Form>
        </Details>
      );
    },
  };
  return (
    <section aria-labelledby="flux-title">
      <h2 class="govuk-heading-m" id="flux-title">
        {t('workflow.panel.title')}
      </h2>
      <SummaryList
        rows={[
          { key: t('workflow.panel.step'), value: view.step.name[t.locale] },
          ...(view.closed
            ? []
            : [
                { key: t('workflow.panel.step_due'), value: dayText(view.step.dueOn) },
                { key: t('workflow.panel.assignee'), value: view.step.assignee?.name ?? t('workflow.panel.nobody') },
                ...(view.step.departmentName ? [{ key: t('workflow.panel.department'), value: view.step.departmentName }] : []),
              ]),
        ]}
      />
      {view.unstaffed ? <WarningText>{unstaffedText(t, view.unstaffed)}</WarningText> : null}
      {view.closed ? <p class="govuk-body">{t('workflow.panel.closed')}</p> : view.actions.length === 0 ? <p class="govuk-body">{t('workflow.panel.none')}</p> : null}
      {view.actions.map((a) => (
        <div key={a}>{forms[a]()}</div>
      ))}
      <Details summary={t('workflow.panel.steps')}>
        <WorkflowPreview t={t} workflow={{ schemaVersion: 1, assignment: view.assignment, steps: view.steps }} current={view.step.key} skipped={new Set(view.steps.filter((s) => !s.applies).map((s) => s.key))} />
      </Details>
    </section>
  );
}
