import { z } from 'zod';
import type { App, AppDeps } from '../../app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { Button, H1, P, TextInput } from '../../platform/web/components.tsx';
import { localText } from './describe.ts';
import { categoryFromSlug } from './domain/category.ts';
import { CATEGORIES } from './domain/service-definition.ts';
import { serviceFormDocx } from './form-docx.ts';
import { getPublishedService } from './get-published-service.ts';
import type { CatalogInstitution } from './institutions.ts';
import { searchCatalog } from './search-catalog.ts';
import { categoryPath, DocumentList, ServiceFacts, ServiceLinks, servicePath } from './views.tsx';
import type { T } from '../../platform/i18n/i18n.ts';

const SearchQuery = z.looseObject({ q: z.string().max(200).optional() });
const CategoryParams = z.object({ category: z.string().max(60) });
const ServiceParams = z.object({ institution: z.string().max(60), code: z.string().max(40) });

function SearchForm(props: { t: T; query: string }) {
  const { t } = props;
  return (
    <form action="/servicii" method="get" role="search" novalidate>
      <TextInput name="q" type="search" label={t('catalog.search.label')} hint={t('catalog.search.hint')} value={props.query} spellcheck={false} />
      <Button>{t('catalog.search.button')}</Button>
    </form>
  );
}

/** A service withdrawn from the online catalogue: where to go instead (the institution's own contacts). */
function WithdrawnNotice(props: { t: T; institution: CatalogInstitution }) {
  const { t, institution: i } = props;
  return (
    <div class="govuk-inset-text" id="retras">
      <h2 class="govuk-heading-m">{t('catalog.service.withdrawn_title')}</h2>
      <P>{t('catalog.service.withdrawn_text', { institution: i.name })}</P>
      <ul class="govuk-list">
        <li>{t('catalog.service.contact_address', { address: i.address })}</li>
        {i.phone ? <li>{t('catalog.service.contact_phone', { phone: i.phone })}</li> : null}
        {i.email ? (
          <li>
            {t('catalog.service.contact_email')}{' '}
            <a class="govuk-link" href={`mailto:${i.email}`}>
              {i.email}
            </a>
          </li>
        ) : null}
      </ul>
    </div>
  );
}

/** The public catalogue: /servicii (categories and search), a page per category and per service, the .docx form. */
export function registerCatalogPages(app: App, deps: AppDeps): void {
  app.get('/servicii', { schema: { hide: true, querystring: SearchQuery } }, async (request, reply) => {
    const { t } = request;
    const query = (request.query.q ?? '').trim();
    const entries = await searchCatalog(deps, { query });
    if (query) {
      return reply.page(
        { title: t('catalog.search.title', { query }), backLink: { href: '/servicii' } },
        <>
          <H1>{t('catalog.title')}</H1>
          <SearchForm t={t} query={query} />
          <h2 class="govuk-heading-m" id="rezultate">
            {entries.length ? t.plural('catalog.search.results', entries.length, { query }) : t('catalog.search.none', { query })}
          </h2>
          {entries.length ? (
            <ServiceLinks t={t} entries={entries} withDescription />
          ) : (
            <>
              <P>{t('catalog.search.none_hint')}</P>
              {/* The way out when nothing fits: the registry's services (general request, petition), not a sentence without a link. */}
              <P>
                <a class="govuk-link" href={categoryPath('registratura')}>
                  {t('catalog.search.none_general')}
                </a>
              </P>
            </>
          )}
          <P>
            <a class="govuk-link" href="/servicii">
              {t('catalog.search.all')}
            </a>
          </P>
        </>,
      );
    }
    return reply.page(
      { title: t('catalog.title'), width: 'wide' },
      <>
        <H1>{t('catalog.title')}</H1>
        <P size="l">{t('catalog.intro')}</P>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <SearchForm t={t} query="" />
          </div>
        </div>
        <h2 class="govuk-heading-l">{t('catalog.categories')}</h2>
        {CATEGORIES.map((category) => {
          const inCategory = entries.filter((e) => e.definition.category === category);
          return (
            <section key={category} class="govuk-!-margin-bottom-6">
              <h3 class="govuk-heading-m govuk-!-margin-bottom-2">
                <a class="govuk-link" href={categoryPath(category)}>
                  {t(`catalog.category.${category}`)}
                </a>{' '}
                <span class="govuk-body-s">({t.plural('catalog.category.count', inCategory.length)})</span>
              </h3>
              {inCategory.length ? <ServiceLinks t={t} entries={inCategory} /> : <P>{t('catalog.category.empty')}</P>}
            </section>
          );
        })}
      </>,
    );
  });

  app.get('/servicii/categorie/:category', { schema: { hide: true, params: CategoryParams } }, async (request, reply) => {
    const { t } = request;
    const category = categoryFromSlug(request.params.category);
    if (!category) throw new AppError('not_found', 'not_found');
    const entries = await searchCatalog(deps, { category });
    return reply.page(
      { title: t(`catalog.category.${category}`), backLink: { href: '/servicii' } },
      <>
        <H1 caption={t('catalog.category.caption')}>{t(`catalog.category.${category}`)}</H1>
        {entries.length ? <ServiceLinks t={t} entries={entries} withDescription /> : <P>{t('catalog.category.empty')}</P>}
        <SearchForm t={t} query="" />
      </>,
    );
  });

  app.get('/servicii/:institution/:code', { schema: { hide: true, params: ServiceParams } }, async (request, reply) => {
    const { t } = request;
    const s = await getPublishedService(deps, { institution: request.params.institution, code: request.params.code.toUpperCase() });
    const def = s.definition;
    const base = servicePath(s.institution.slug, s.code);
    return reply.page(
      { title: localText(t, def.name), backLink: { href: categoryPath(def.category), label: t(`catalog.category.${def.category}`) } },
      <>
        <H1 caption={s.institution.shortName}>{localText(t, def.name)}</H1>
        {/* With the phone's text enlarged the start button is 8–10 screens further down, after the facts and documents. */}
        {s.withdrawnAt ? null : (
          <P>
            <a class="govuk-link" href="#depunere">
              {t('catalog.service.jump_to_start')}
            </a>
          </P>
        )}
        <P size="l">{localText(t, def.description)}</P>
        {/* First thing after what the service is: it can no longer be asked for here, and where to go instead. */}
        {s.withdrawnAt ? <WithdrawnNotice t={t} institution={s.institution} /> : null}
        <P>{t('catalog.service.handled_by', { institution: s.institution.name })}</P>
        <ServiceFacts t={t} definition={def} institutionName={s.institution.name} departmentName={s.departmentName} />
        <h2 class="govuk-heading-m">{t('catalog.service.documents')}</h2>
        <DocumentList t={t} definition={def} />
        {s.withdrawnAt ? null : (
          <>
            <div id="depunere">
              <P>{t('catalog.service.start_hint')}</P>
              <Button href={`${base}/cerere`} isStartButton>
                {t('catalog.service.start')}
              </Button>
            </div>
            <h2 class="govuk-heading-m">{t('catalog.service.offline')}</h2>
            <P>
              <a class="govuk-link" href={`${base}/formular.docx`} download>
                {t('catalog.service.form_download')}
              </a>
            </P>
            <P size="s">{t('catalog.service.form_download_hint')}</P>
          </>
        )}
        <P size="s">{t('catalog.service.version', { version: s.version })}</P>
      </>,
    );
  });

  app.get('/servicii/:institution/:code/formular.docx', { schema: { hide: true, params: ServiceParams } }, async (request, reply) => {
    const s = await getPublishedService(deps, { institution: request.params.institution, code: request.params.code.toUpperCase() });
    const body = await serviceFormDocx(request.t, {
      institution: s.institution,
      definition: s.definition,
      onlineUrl: `${deps.config.baseUrl}${servicePath(s.institution.slug, s.code)}`,
    });
    return reply
      .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
      .header('content-disposition', `attachment; filename="${s.code}-v${s.version}-${request.locale}.docx"`)
      .header('cache-control', 'no-store')
      .send(body);
  });
}
