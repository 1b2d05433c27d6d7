import type { AppModule } from '../../app.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { registerMessages } from '../../platform/i18n/i18n.ts';
import { registerTemplate } from '../../platform/notify/templates.ts';
import { workflowMessages } from './messages.ts';
import { registerWorkflowPages } from './pages.tsx';
import { registerWorkflowRoutes } from './routes.ts';
import { STEP_DUE_SOON_TEMPLATE, STEP_JOB, STEP_OVERDUE_TEMPLATE, sendStepReminders } from './send-step-reminders.ts';

/** Every morning, with the legal-term reminders; also starts the cases registered since the last run. */
export const STEP_CRON = '5 7 * * *';

/** The workflow per service: steps as data, acting at a step, step reminders and escalations, the administrator's editor. */
export const workflowModule: AppModule = {
  name: 'workflow',
  register(app, deps) {
    registerMessages('workflow', workflowMessages);
    registerTemplate(STEP_DUE_SOON_TEMPLATE, {
      subjectKey: 'workflow.email.soon.subject',
      bodyKeys: ['workflow.email.soon.body'],
      action: { labelKey: 'workflow.email.action', urlParam: 'link' },
    });
    registerTemplate(STEP_OVERDUE_TEMPLATE, {
      subjectKey: 'workflow.email.overdue.subject',
      bodyKeys: ['workflow.email.overdue.body'],
      action: { labelKey: 'workflow.email.action', urlParam: 'link' },
    });
    registerWorkflowPages(app, deps);
    registerWorkflowRoutes(app, deps);
  },
  async registerJobs(deps) {
    await deps.jobs.work(STEP_JOB, async () => {
      await sendStepReminders(deps, { today: bucharestDay(deps.now()) });
    });
    await deps.jobs.schedule(STEP_JOB, STEP_CRON);
  },
};
