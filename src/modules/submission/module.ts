import type { AppDeps, AppModule } from '../../app.ts';
import { registerMessages } from '../../platform/i18n/i18n.ts';
import { createVirusScanner } from '../../platform/storage/virus-scan.ts';
import type { SubmissionDeps } from './get-draft.ts';
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
    // Inherit rather than copy: tests replace `deps.now`, and the module must see the new clock.
    const submissionDeps: SubmissionDeps = Object.assign(Object.create(deps) as AppDeps, { scanner: createVirusScanner(deps.config) });
    registerSubmissionPages(app, submissionDeps);
    registerSubmissionRoutes(app, submissionDeps);
  },
};
