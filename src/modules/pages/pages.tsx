import type { AppModule } from '../../app.ts';
import { registerMessages } from '../../platform/i18n/i18n.ts';
import { exampleMessages } from '../../platform/web/examples.tsx';
import { registerJourney } from '../../platform/web/journey.tsx';
import { webMessages } from '../../platform/web/messages.ts';
import { contactJourney } from './contact-journey.tsx';
import { registerDevPages } from './dev-pages.tsx';
import { pagesMessages } from './messages.ts';
import { registerContactTemplate } from './send-contact-message.ts';
import { AccessibilityStatement, ContactPage, CookiesPage, PrivacyNotice } from './static-pages.tsx';

/** Static pages every public-sector site must have, the contact journey, and the developers' component gallery. */
export const pagesModule: AppModule = {
  name: 'pages',
  register(app, deps) {
    // The components' and the journey helper's own words live with the platform but are registered here.
    registerMessages('web', webMessages);
    registerMessages('examples', exampleMessages);
    registerMessages('pages', pagesMessages);
    registerContactTemplate();

    app.get('/accesibilitate', { schema: { hide: true } }, async (request, reply) =>
      reply.page(
        { title: request.t('pages.a11y.title') },
        <AccessibilityStatement t={request.t} institution={request.institution} baseUrl={deps.config.baseUrl} />,
      ),
    );
    app.get('/confidentialitate', { schema: { hide: true } }, async (request, reply) =>
      reply.page({ title: request.t('pages.privacy.title') }, <PrivacyNotice t={request.t} institution={request.institution} />),
    );
    app.get('/cookies', { schema: { hide: true } }, async (request, reply) =>
      reply.page({ title: request.t('pages.cookies.title') }, <CookiesPage t={request.t} session={deps.config.session} />),
    );
    app.get('/contact', { schema: { hide: true } }, async (request, reply) =>
      reply.page({ title: request.t('pages.contact.title') }, <ContactPage t={request.t} institution={request.institution} />),
    );
    registerJourney(app, deps, contactJourney);
    if (deps.config.env !== 'production') registerDevPages(app);
  },
};
