import { registerTemplate } from '../../platform/notify/templates.ts';

export const SUBMISSION_RECEIVED = 'submission.received.v1';

export function registerSubmissionTemplates(): void {
  registerTemplate(SUBMISSION_RECEIVED, {
    subjectKey: 'submission.mail.received.subject',
    bodyKeys: ['submission.mail.received.greeting', 'submission.mail.received.body', 'submission.mail.received.tracking', 'submission.mail.received.due'],
    action: { labelKey: 'submission.mail.received.action', urlParam: 'url' },
  });
}
