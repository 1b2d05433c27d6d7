import type { AppDeps, AppModule } from '../../app.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';
import { registerMessages } from '../../platform/i18n/i18n.ts';
import { registerTemplate } from '../../platform/notify/templates.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import { NEW_MESSAGE_TEMPLATE, STATUS_CHANGED_TEMPLATE, TERM_EXTENDED_INFORMATION_TEMPLATE, TERM_EXTENDED_TEMPLATE, TERM_RECOUNTED_TEMPLATE } from '../cases/notify-applicant.ts';
import { trackingMessages } from './messages.ts';
import { PETITION_SENT_ON_ATTACHED_TEMPLATE, PETITION_SENT_ON_TEMPLATE, REDIRECTED_OUTSIDE_TEMPLATE, REDIRECTED_PLATFORM_TEMPLATE } from '../cases/redirect-petition.ts';
import { redirectMessages } from './redirect-messages.ts';
import { JOINED_ANSWERED_TEMPLATE, JOINED_TEMPLATE } from '../cases/join-petition.ts';
import { joinMessages } from './join-messages.ts';
import { registerJoinPages } from './join-pages.tsx';
import { registerRedirectPages } from './redirect-pages.tsx';
import { registerLiveCaseEvents } from './live-events.ts';
import { registerOfficePages } from './office-pages.tsx';
import { registerCitizenPages } from './pages.tsx';
import { registerPublicPages } from './public-pages.tsx';
import { registerTrackingRoutes } from './routes.ts';
import { registerOfficeCaseRoutes } from './office-routes.ts';
import { DEADLINE_JOB, DUE_SOON_TEMPLATE, OVERDUE_TEMPLATE, sendDeadlineReminders } from './send-deadline-reminders.ts';

export type TrackingDeps = AppDeps & { blobs: BlobStore };

/** Every morning, before the offices open. */
export const DEADLINE_CRON = '0 7 * * *';

function registerTrackingTemplates(): void {
  registerTemplate(STATUS_CHANGED_TEMPLATE, {
    subjectKey: 'tracking.email.status.subject',
    bodyKeys: ['tracking.email.status.body', 'tracking.email.status.deadline'],
    action: { labelKey: 'tracking.email.action', urlParam: 'link' },
  });
  registerTemplate(NEW_MESSAGE_TEMPLATE, {
    subjectKey: 'tracking.email.message.subject',
    bodyKeys: ['tracking.email.message.body'],
    action: { labelKey: 'tracking.email.action', urlParam: 'link' },
  });
  registerTemplate(TERM_EXTENDED_TEMPLATE, {
    subjectKey: 'tracking.email.extended.subject',
    bodyKeys: ['tracking.email.extended.body', 'tracking.email.extended.reason'],
    action: { labelKey: 'tracking.email.action', urlParam: 'link' },
  });
  registerTemplate(TERM_EXTENDED_INFORMATION_TEMPLATE, {
    subjectKey: 'tracking.email.extended.subject',
    bodyKeys: ['tracking.email.extended.body_information', 'tracking.email.extended.reason'],
    action: { labelKey: 'tracking.email.action', urlParam: 'link' },
  });
  registerTemplate(TERM_RECOUNTED_TEMPLATE, {
    subjectKey: 'tracking.email.recounted.subject',
    bodyKeys: ['tracking.email.recounted.body'],
    action: { labelKey: 'tracking.email.action', urlParam: 'link' },
  });
  // A petition sent on to the competent institution (OG 27/2002 art. 6¹): the petitioner told, the petition itself.
  for (const [name, body] of [
    [REDIRECTED_PLATFORM_TEMPLATE, 'redirect.email.platform_body'],
    [REDIRECTED_OUTSIDE_TEMPLATE, 'redirect.email.outside_body'],
  ] as const) {
    registerTemplate(name, { subjectKey: 'redirect.email.subject', bodyKeys: [body, 'redirect.email.reason'], action: { labelKey: 'redirect.email.action', urlParam: 'link' } });
  }
  for (const [name, documents] of [
    [PETITION_SENT_ON_TEMPLATE, 'redirect.email.sent_on_documents'],
    [PETITION_SENT_ON_ATTACHED_TEMPLATE, 'redirect.email.sent_on_attached'],
  ] as const) {
    registerTemplate(name, {
      subjectKey: 'redirect.email.sent_on_subject',
      bodyKeys: ['redirect.email.sent_on_body', 'redirect.email.sent_on_reason', 'redirect.email.sent_on_petitioner', 'redirect.email.sent_on_content', documents],
    });
  }
  // A repeated petition joined to the first (OG 27/2002 art. 10).
  registerTemplate(JOINED_TEMPLATE, { subjectKey: 'join.email.subject', bodyKeys: ['join.email.body'], action: { labelKey: 'join.email.action', urlParam: 'link' } });
  registerTemplate(JOINED_ANSWERED_TEMPLATE, { subjectKey: 'join.email.answered_subject', bodyKeys: ['join.email.answered_body'], action: { labelKey: 'join.email.action', urlParam: 'link' } });
  registerTemplate(DUE_SOON_TEMPLATE, {
    subjectKey: 'tracking.email.soon.subject',
    bodyKeys: ['tracking.email.soon.body'],
    action: { labelKey: 'tracking.email.office_action', urlParam: 'link' },
  });
  registerTemplate(OVERDUE_TEMPLATE, {
    subjectKey: 'tracking.email.overdue.subject',
    bodyKeys: ['tracking.email.overdue.body'],
    action: { labelKey: 'tracking.email.office_action', urlParam: 'link' },
  });
}

/** Following a request after submission: the citizen's cases, the public status check, the official's case view, legal clocks. */
export const trackingModule: AppModule = {
  name: 'tracking',
  register(app, deps) {
    registerMessages('tracking', trackingMessages);
    registerMessages('redirect', redirectMessages);
    registerMessages('join', joinMessages);
    registerTrackingTemplates();
    // Inherit rather than copy: tests replace `deps.now`, and the module must see the new clock.
    const trackingDeps: TrackingDeps = deps;
    registerCitizenPages(app, trackingDeps);
    registerPublicPages(app, trackingDeps);
    registerOfficePages(app, trackingDeps);
    registerTrackingRoutes(app, trackingDeps);
    registerOfficeCaseRoutes(app, trackingDeps);
    registerRedirectPages(app, trackingDeps);
    registerJoinPages(app, trackingDeps);
    registerLiveCaseEvents(app, trackingDeps);
  },
  async registerJobs(deps) {
    await deps.jobs.work(DEADLINE_JOB, async () => {
      await sendDeadlineReminders(deps, { today: bucharestDay(deps.now()) });
    });
    await deps.jobs.schedule(DEADLINE_JOB, DEADLINE_CRON);
  },
};
