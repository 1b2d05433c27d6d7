import type { App } from '../../app.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { H1, P } from '../../platform/web/components.tsx';
import { componentExamples } from '../../platform/web/examples.tsx';

/** Every component example on one page: the developers' reference and the accessibility tests' fixture. */
export function ComponentGallery({ t }: { t: T }) {
  const names = Object.keys(componentExamples);
  return (
    <>
      <H1>{t('dev.components.title')}</H1>
      <P>{t('dev.components.intro')}</P>
      <nav aria-labelledby="dev-contents">
        <h2 class="govuk-heading-s" id="dev-contents">
          {t('dev.components.contents')}
        </h2>
        <ul class="govuk-list pd-columns">
          {names.map((name) => (
            <li key={name}>
              <a class="govuk-link" href={`#component-${name}`}>
                {name}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {names.map((name) => (
        <section key={name} aria-labelledby={`component-${name}`}>
          <h2 class="govuk-heading-l" id={`component-${name}`}>
            {name}
          </h2>
          {componentExamples[name]!.map((example) => (
            <div key={example.id} id={example.id} class="pd-example">
              <h3 class="govuk-heading-s pd-example__title">{t(`examples.variant.${example.variant}`)}</h3>
              {example.render(t)}
            </div>
          ))}
        </section>
      ))}
    </>
  );
}

/** Developer-only pages (never in production): the component gallery and a way to see each error page. */
export function registerDevPages(app: App): void {
  app.get('/dev/componente', { schema: { hide: true } }, async (request, reply) =>
    reply.page({ title: request.t('dev.components.title'), width: 'wide' }, <ComponentGallery t={request.t} />),
  );
  // Throws the way real code does, so the page shown is exactly what the error handler renders.
  app.get('/dev/erori/:status', { schema: { hide: true } }, async (request) => {
    const status = (request.params as { status: string }).status;
    if (status === '403') throw new AppError('forbidden', 'forbidden');
    if (status === '404') throw new AppError('not_found', 'not_found');
    if (status === '503') throw new AppError('unavailable', 'unavailable');
    throw new Error('example of an unexpected failure');
  });
}
