import type { AppModule } from '../../app.ts';
import { registerMessages } from '../../platform/i18n/i18n.ts';
import { Button, H1, P, TextInput } from '../../platform/web/components.tsx';
import { demoTotpCode } from '../identity/seed-demo.ts';
import { homeMessages } from './messages.ts';

export const homeModule: AppModule = {
  name: 'home',
  register(app, deps) {
    registerMessages('home', homeMessages);
    if (deps.config.env !== 'production') {
      // Development only: the demo accounts share a public TOTP secret; this shows its current code.
      app.get('/dev/cod-demo', { schema: { hide: true } }, async (request, reply) => {
        const { t } = request;
        const now = deps.now();
        const secondsLeft = 30 - (Math.floor(now.getTime() / 1000) % 30);
        return reply.header('refresh', String(secondsLeft)).page(
          { title: t('home.demo_code.title') },
          <>
            <H1 caption={t('home.demo_code.caption')}>{t('home.demo_code.title')}</H1>
            <p class="govuk-body">{t('home.demo_code.explain')}</p>
            <p class="govuk-heading-xl pd-code" id="demo-code">
              {demoTotpCode(now)}
            </p>
            <p class="govuk-body">{t('home.demo_code.valid', { seconds: secondsLeft })}</p>
          </>,
        );
      });
    }
    app.get('/', { schema: { hide: true } }, async (request, reply) => {
      const { t } = request;
      const signedIn = Boolean(request.actor?.mfaPassed);
      return reply.page(
        { title: t('home.title'), width: 'wide' },
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <H1>{t('home.heading')}</H1>
            <P size="l">{t('home.lead')}</P>
            <form method="get" action="/servicii" role="search">
              <TextInput name="q" type="search" label={t('home.search_label')} hint={t('home.search_hint')} spellcheck={false} />
              <Button>{t('home.search_button')}</Button>
            </form>
            {signedIn ? (
              <Button href="/cont" variant="secondary">
                {t('layout.my_account')}
              </Button>
            ) : (
              <>
                <Button href="/inregistrare" variant="secondary">
                  {t('layout.register')}
                </Button>
                <P>
                  <a class="govuk-link" href="/autentificare">
                    {t('home.have_account')}
                  </a>
                </P>
              </>
            )}
          </div>
          <div class="govuk-grid-column-one-third">
            <h2 class="govuk-heading-m">{t('home.quick_links')}</h2>
            <ul class="govuk-list">
              <li>
                <a class="govuk-link" href="/servicii">
                  {t('home.all_services')}
                </a>
              </li>
              <li>
                <a class="govuk-link" href="/verificare-cerere">
                  {t('home.check_status')}
                </a>
              </li>
              <li>
                <a class="govuk-link" href="/verificare">
                  {t('home.verify_document')}
                </a>
              </li>
              <li>
                <a class="govuk-link" href="/contact">
                  {t('home.contact')}
                </a>
              </li>
            </ul>
          </div>
        </div>,
      );
    });
  },
};
