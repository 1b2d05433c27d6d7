import type { T } from '../../platform/i18n/i18n.ts';
import { Checkboxes, DateInput, FileUpload, InsetText, P, Radios, SummaryList, Tag, Textarea, TextInput } from '../../platform/web/components.tsx';
import { applicantsText, conditionText, feeText, localText, termText } from './describe.ts';
import { categorySlug } from './domain/category.ts';
import type { Group, Page, Question } from './domain/form-definition.ts';
import { withDateRange } from './domain/validate-answers.ts';
import { issuerName, type ServiceDefinition } from './domain/service-definition.ts';
import type { CatalogEntry } from './search-catalog.ts';

/* Pieces shared by the public catalogue and the administrator's previews. */

export const servicePath = (institutionSlug: string, code: string) => `/servicii/${encodeURIComponent(institutionSlug)}/${encodeURIComponent(code)}`;
export const categoryPath = (category: ServiceDefinition['category']) => `/servicii/categorie/${categorySlug(category)}`;

/**
 * The first sentence of a description, for lists. A sentence ends at a full stop (or ! ?) followed by a space and a
 * capital letter, outside any parenthesis: "nr. 16/1996", "art. 461" and a reference in brackets do not end it.
 */
export function firstSentence(text: string): string {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === '.' || c === '!' || c === '?') && /^\s\p{Lu}/u.test(text.slice(i + 1, i + 3))) return text.slice(0, i + 1);
  }
  return text;
}

export function ServiceLinks(props: { t: T; entries: CatalogEntry[]; withDescription?: boolean }) {
  const { t } = props;
  return (
    <ul class="govuk-list">
      {props.entries.map((e) => (
        <li key={`${e.institution.slug}/${e.code}`} class="govuk-!-margin-bottom-4">
          <a class="govuk-link govuk-!-font-weight-bold" href={servicePath(e.institution.slug, e.code)}>
            {localText(t, e.definition.name)}
          </a>
          {props.withDescription ? <p class="govuk-body-s govuk-!-margin-bottom-1">{firstSentence(localText(t, e.definition.description))}</p> : null}
          <p class="govuk-body-s govuk-!-margin-bottom-0">
            {e.institution.shortName} · {t(`catalog.category.${e.definition.category}`)}
          </p>
        </li>
      ))}
    </ul>
  );
}

/** Who may apply, fee, legal term, tacit approval, department and institution. */
export function ServiceFacts(props: { t: T; definition: ServiceDefinition; institutionName: string; departmentName: string | null }) {
  const { t, definition: def } = props;
  return (
    <SummaryList
      rows={[
        { key: t('catalog.institution'), value: props.institutionName },
        { key: t('catalog.service.who'), value: applicantsText(t, def.applicants) },
        { key: t('catalog.service.fee'), value: feeText(t, def) },
        { key: t(def.term.days === 0 ? 'catalog.service.term_none' : 'catalog.service.term'), value: termText(t, def.term) },
        { key: t('catalog.service.tacit'), value: def.tacitApproval ? t('catalog.service.tacit_yes') : t('catalog.service.tacit_no') },
        ...(def.verifiedIdentity ? [{ key: t('catalog.service.identity'), value: t('catalog.service.identity_verified') }] : []),
        { key: t('catalog.service.department'), value: props.departmentName ?? def.departmentCode },
      ]}
    />
  );
}

/** The documents, and clearly which ones the institution obtains itself (OUG 41/2016). */
export function DocumentList(props: { t: T; definition: ServiceDefinition }) {
  const { t, definition: def } = props;
  if (def.documents.length === 0) return <P>{t('catalog.service.no_documents')}</P>;
  const fetched = def.documents.some((d) => d.fetchedByInstitution);
  return (
    <>
      <ul class="govuk-list govuk-list--bullet">
        {def.documents.map((d) => (
          <li key={d.id}>
            {localText(t, d.name)} {d.required ? null : <span class="govuk-body-s">{t('catalog.service.optional')}</span>}
            {/* A document asked only for some answers (the death certificate, for an inheritance) says so. */}
            {d.showIf ? <span class="govuk-body-s govuk-!-display-block">{conditionText(t, d.showIf, def)}.</span> : null}
            {d.fetchedByInstitution ? (
              <p class="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-2">
                <Tag colour="green" sentence>
                  {t('catalog.service.we_fetch')}
                </Tag>
                {d.issuer ? <span class="govuk-!-display-block govuk-!-margin-top-1">{t('catalog.service.issuer', { issuer: issuerName(d.issuer, t.locale) })}</span> : null}
              </p>
            ) : null}
            {d.presentedInOriginal ? <p class="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-2">{t('catalog.service.in_original')}</p> : null}
          </li>
        ))}
      </ul>
      {fetched ? <InsetText>{t('catalog.service.fetch_note')}</InsetText> : null}
    </>
  );
}

function QuestionWords(props: { t: T; def: ServiceDefinition; q: Question }) {
  const { t, def, q } = props;
  const condition = conditionText(t, q.showIf, def);
  const range = withDateRange(undefined, q, t);
  return (
    <>
      <strong>{localText(t, q.label)}</strong>{' '}
      <span class="govuk-body-s">
        ({t(`catalog.qtype.${q.type}`)}, {q.required === false ? t('catalog.preview.optional') : t('catalog.preview.required')})
      </span>
      {q.hint ? <span class="govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">{localText(t, q.hint)}</span> : null}
      {q.options ? (
        <span class="govuk-body-s govuk-!-display-block">{t('catalog.preview.options', { options: q.options.map((o) => localText(t, o.label)).join('; ') })}</span>
      ) : null}
      {range ? <span class="govuk-body-s govuk-!-display-block">{t('catalog.preview.date_range', { range })}</span> : null}
      {q.prefill ? <span class="govuk-body-s govuk-!-display-block">{t('catalog.preview.prefill', { source: t(`catalog.prefill.${q.prefill}`) })}</span> : null}
      {condition ? <span class="govuk-body-s govuk-!-display-block govuk-!-font-weight-bold">{condition}.</span> : null}
    </>
  );
}

function GroupWords(props: { t: T; def: ServiceDefinition; g: Group }) {
  const { t, def, g } = props;
  const condition = conditionText(t, g.showIf, def);
  return (
    <>
      <strong>{localText(t, g.label)}</strong> <span class="govuk-body-s">({t('catalog.qtype.group')})</span>
      {condition ? <span class="govuk-body-s govuk-!-display-block govuk-!-font-weight-bold">{condition}.</span> : null}
      <span class="govuk-body-s govuk-!-display-block">{g.minItems === g.maxItems ? t('catalog.preview.group_exact', { min: g.minItems }) : t('catalog.preview.group', { min: g.minItems, max: g.maxItems })}</span>
      <ol class="govuk-list govuk-list--number">
        {g.questions.map((q) => (
          <li key={q.id}>
            <QuestionWords t={t} def={def} q={q} />
          </li>
        ))}
      </ol>
    </>
  );
}

/** The whole definition in words: pages, questions with their conditions, then the facts. */
export function DefinitionWords(props: { t: T; definition: ServiceDefinition; institutionName: string; departmentName: string | null }) {
  const { t, definition: def } = props;
  return (
    <>
      <P size="l">{localText(t, def.description)}</P>
      <h2 class="govuk-heading-m">{t('catalog.preview.summary')}</h2>
      <ServiceFacts t={t} definition={def} institutionName={props.institutionName} departmentName={props.departmentName} />
      <SummaryList
        rows={[
          { key: t('catalog.preview.code'), value: def.code },
          { key: t('catalog.new.category'), value: t(`catalog.category.${def.category}`) },
          { key: t('catalog.preview.kind'), value: t(`catalog.case_kind.${def.caseKind}`) },
          { key: t('catalog.preview.file_code'), value: def.fileCode },
          { key: t('catalog.preview.keywords'), value: def.keywords.join(', ') || '—' },
        ]}
      />
      <h2 class="govuk-heading-m">{t('catalog.service.documents')}</h2>
      <DocumentList t={t} definition={def} />
      <h2 class="govuk-heading-m">{t('catalog.preview.form')}</h2>
      {def.form.pages.map((page, i) => {
        const condition = conditionText(t, page.showIf, def);
        return (
          <section key={page.id} class="govuk-!-margin-bottom-6">
            <h3 class="govuk-heading-s">{t('catalog.preview.page', { n: i + 1, title: localText(t, page.title) })}</h3>
            {condition ? <p class="govuk-body-s govuk-!-font-weight-bold">{condition}.</p> : null}
            <ol class="govuk-list govuk-list--number">
              {page.items.map((item) => (
                <li key={item.id}>{item.type === 'group' ? <GroupWords t={t} def={def} g={item} /> : <QuestionWords t={t} def={def} q={item} />}</li>
              ))}
            </ol>
          </section>
        );
      })}
    </>
  );
}

/** One question rendered as the citizen's journey shows it; the surrounding fieldset is disabled. */
function QuestionControl(props: { t: T; def: ServiceDefinition; q: Question; name: string }) {
  const { t, def, q, name } = props;
  const label = localText(t, q.label);
  const condition = conditionText(t, q.showIf, def);
  const hintText = [q.hint ? localText(t, q.hint) : null, condition ? `${condition}.` : null].filter(Boolean).join(' ') || undefined;
  const items = (q.options ?? []).map((o) => ({ value: o.value, label: localText(t, o.label) }));
  switch (q.type) {
    case 'textarea':
      return <Textarea name={name} label={label} hint={hintText} />;
    case 'radios':
    case 'select':
      return <Radios name={name} legend={label} hint={hintText} items={items} />;
    case 'checkboxes':
      return <Checkboxes name={name} legend={label} hint={hintText} items={items} />;
    case 'declaration':
      return <Checkboxes name={name} legend={label} hint={hintText} items={[{ value: 'yes', label: t('common.yes') }]} />;
    case 'date':
      return <DateInput name={name} legend={label} hint={withDateRange(hintText, q, t)} />;
    case 'file':
      return <FileUpload name={name} label={label} hint={hintText} />;
    case 'address':
      return (
        <fieldset class="govuk-fieldset">
          <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{label}</legend>
          {hintText ? <div class="govuk-hint">{hintText}</div> : null}
          {(['street', 'number', 'details', 'locality', 'county'] as const).map((k) => (
            <TextInput key={k} name={`${name}-${k}`} label={t(`catalog.docx.address.${k}`)} />
          ))}
        </fieldset>
      );
    case 'number':
      return <TextInput name={name} label={label} hint={hintText} inputmode="decimal" width={10} />;
    default:
      return <TextInput name={name} label={label} hint={hintText} />;
  }
}

/** Every page of the form, as the citizen would see it, read-only (a disabled fieldset per page). */
export function CitizenPages(props: { t: T; definition: ServiceDefinition }) {
  const { t, definition: def } = props;
  const pages: Page[] = def.form.pages;
  return (
    <>
      {pages.map((page, i) => {
        const condition = conditionText(t, page.showIf, def);
        return (
          <section key={page.id} class="govuk-!-margin-bottom-8">
            <span class="govuk-caption-m">{t('catalog.citizen.page', { n: i + 1, total: pages.length })}</span>
            <h2 class="govuk-heading-l">{localText(t, page.title)}</h2>
            {condition ? <p class="govuk-body-s govuk-!-font-weight-bold">{condition}.</p> : null}
            <fieldset class="govuk-fieldset" disabled aria-label={localText(t, page.title)}>
              {page.items.map((item) =>
                item.type === 'group' ? (
                  <fieldset class="govuk-fieldset" key={item.id}>
                    <legend class="govuk-fieldset__legend govuk-fieldset__legend--m">{localText(t, item.label)}</legend>
                    {item.hint ? <div class="govuk-hint">{localText(t, item.hint)}</div> : null}
                    {item.questions.map((q) => (
                      <QuestionControl key={q.id} t={t} def={def} q={q} name={`p${i + 1}-${item.id}-${q.id}`} />
                    ))}
                  </fieldset>
                ) : (
                  <QuestionControl key={item.id} t={t} def={def} q={item} name={`p${i + 1}-${item.id}`} />
                ),
              )}
            </fieldset>
          </section>
        );
      })}
    </>
  );
}
