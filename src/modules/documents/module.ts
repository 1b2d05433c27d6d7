import type { AppModule } from '../../app.ts';
import { registerMessages } from '../../platform/i18n/i18n.ts';
import { registerTemplate } from '../../platform/notify/templates.ts';
import { signingMessages } from '../../platform/signing/messages.ts';
import { ISSUED_TEMPLATE, ISSUED_TEMPLATES } from './issue-answer.ts';
import { documentsMessages } from './messages.ts';
import { registerDocumentPages } from './pages.tsx';
import { registerDocumentRoutes } from './routes.ts';

/** Answer documents: templates per service, generation, sequential PAdES signatures, issue to the applicant. */
export const documentsModule: AppModule = {
  name: 'documents',
  register(app, deps) {
    registerMessages('documents', documentsMessages);
    // The signing platform's errors (wrong PIN, remote service down…) are shown by this area's pages.
    registerMessages('signing', signingMessages);
    registerTemplate(ISSUED_TEMPLATE, {
      subjectKey: 'documents.email.issued.subject',
      bodyKeys: ['documents.email.issued.body', 'documents.email.issued.verify'],
      action: { labelKey: 'documents.email.action', urlParam: 'link' },
    });
    for (const [outcome, name] of Object.entries(ISSUED_TEMPLATES)) {
      registerTemplate(name, {
        subjectKey: 'documents.email.issued.subject',
        bodyKeys: ['documents.email.issued.body', `documents.email.issued.outcome.${outcome}`, 'documents.email.issued.verify'],
        action: { labelKey: 'documents.email.action', urlParam: 'link' },
      });
    }
    registerDocumentPages(app, deps);
    registerDocumentRoutes(app, deps);
  },
};
