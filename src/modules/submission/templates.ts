import { registerTemplate } from '../../platform/notify/templates.ts';

export const SUBMISSION_RECEIVED = 'submission.received.v1';
/** The same for a service with a term of 0 days (a booking, a notice of works): nothing is to be answered. */
export const SUBMISSION_RECEIVED_NO_ANSWER = 'submission.received_no_answer.v1';

export function registerSubmissionTemplates(): void {
  registerTemplate(SUBMISSION_RECEIVED, {
    subjectKey: 'submission.mail.received.subject',
    bodyKeys: ['submission.mail.received.greeting', 'submission.mail.received.body', 'submission.mail.received.tracking', 'submission.mail.received.due'],
    action: { labelKey: 'submission.mail.received.action', urlParam: 'url' },
  });
  registerTemplate(SUBMISSION_RECEIVED_NO_ANSWER, {
    subjectKey: 'submission.mail.received.subject',
    bodyKeys: ['submission.mail.received.greeting', 'submission.mail.received.body', 'submission.mail.received.tracking', 'submission.mail.received.no_answer'],
    action: { labelKey: 'submission.mail.received.action', urlParam: 'url' },
  });
}
