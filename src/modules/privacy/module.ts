import type { AppModule } from '../../app.ts';
import { registerMessages } from '../../platform/i18n/i18n.ts';
import { registerTemplate } from '../../platform/notify/templates.ts';
import { registerCoreSections } from './core-sections.ts';
import { privacyMessages } from './messages.ts';
import { registerPrivacyPages } from './pages.tsx';
import { DELETION_TEMPLATE } from './request-account-deletion.ts';
import { registerPrivacyRoutes } from './routes.ts';

/** The citizen's privacy rights: see and download their data, who accessed it, ask for deletion. */
export const privacyModule: AppModule = {
  name: 'privacy',
  register(app, deps) {
    registerMessages('privacy', privacyMessages);
    registerTemplate(DELETION_TEMPLATE, {
      subjectKey: 'privacy.email.deletion.subject',
      bodyKeys: ['privacy.email.deletion.greeting', 'privacy.email.deletion.body', 'privacy.email.deletion.next', 'privacy.email.deletion.not_you'],
    });
    registerCoreSections();
    registerPrivacyPages(app, deps);
    registerPrivacyRoutes(app, deps);
  },
};
