import type { AppModule } from '../../app.ts';
import { registerMessages } from '../../platform/i18n/i18n.ts';
import { submissionMessages } from './messages.ts';
import { registerSubmissionPages } from './pages.tsx';
import { registerSubmissionRoutes } from './routes.ts';
import { registerSubmissionTemplates } from './templates.ts';

/** The citizen's online submission of any catalogue service: draft, attachments, declaration, case, receipt. */
export const submissionModule: AppModule = {
  name: 'submission',
  register(app, deps) {
    registerMessages('submission', submissionMessages);
    registerSubmissionTemplates();
    registerSubmissionPages(app, deps);
    registerSubmissionRoutes(app, deps);
  },
};
