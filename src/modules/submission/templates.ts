import { registerTemplate } from '../../platform/notify/templates.ts';

export const SUBMISSION_RECEIVED = 'submission.received.v1';
/** The same for a service with a term of 0 days (a booking, a notice of works): nothing is to be answered. */
export const SUBMISSION_RECEIVED_NO_ANSWER = 'submission.received_no_answer.v1';

/** The same two for a request filed in a company's name: one more line says which company (CUI) it was filed for. */
export const SUBMISSION_RECEIVED_COMPANY = 'submission.received_company.v1';
export const SUBMISSION_RECEIVED_NO_ANSWER_COMPANY = 'submission.received_no_answer_company.v1';

/** "Registered as no. …": its last line says the legal deadline or that no answer is due; a company's names the company. */
const received = (lastKey: string, company: boolean) => ({
  subjectKey: 'submission.mail.received.subject',
  bodyKeys: [
    'submission.mail.received.greeting',
    'submission.mail.received.body',
    ...(company ? ['submission.mail.received.on_behalf'] : []),
    'submission.mail.received.tracking',
    lastKey,
  ],
  action: { labelKey: 'submission.mail.received.action', urlParam: 'url' },
});

export function registerSubmissionTemplates(): void {
  registerTemplate(SUBMISSION_RECEIVED_COMPANY, received('submission.mail.received.due', true));
  registerTemplate(SUBMISSION_RECEIVED_NO_ANSWER_COMPANY, received('submission.mail.received.no_answer', true));
  registerTemplate(SUBMISSION_RECEIVED, received('submission.mail.received.due', false));
  registerTemplate(SUBMISSION_RECEIVED_NO_ANSWER, received('submission.mail.received.no_answer', false));
}
