import type { AppModule } from '../../app.ts';
import { Button, H1, P } from '../../platform/web/components.tsx';
import { homeMessages } from './messages.ts';
import { registerMessages } from '../../platform/i18n/i18n.ts';

export const homeModule: AppModule = {
  name: 'home',
  register(app) {
    registerMessages('home', homeMessages);
    app.get('/', { schema: { hide: true } }, async (request, reply) => {
      const { t } = request;
      return reply.page(
        { title: t('home.title') },
        <>
          <H1>{t('home.heading')}</H1>
          <P size="l">{t('home.lead')}</P>
          {request.actor ? (
            <Button href="/cont">{t('layout.my_account')}</Button>
          ) : (
            <>
              <Button href="/inregistrare">{t('layout.register')}</Button>
              <P>
                <a class="govuk-link" href="/autentificare">
                  {t('home.have_account')}
                </a>
              </P>
            </>
          )}
        </>,
      );
    });
  },
};
