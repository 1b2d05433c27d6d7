import type { ComponentChildren } from 'preact';
import type { MapConfig } from '../../config.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { Checkboxes, DateInput, FieldGroup, Radios, Select, Textarea, TextInput } from '../../platform/web/components.tsx';
import type { Condition, FormDefinition, Group, Question } from '../catalog/domain/form-definition.ts';
import { withDateRange } from '../catalog/domain/validate-answers.ts';
import { LocationFields } from '../submission/location-map.tsx';
import { isContactQuestion } from './collect-answers.ts';

/*
 * The service's form on one long page, for the clerk at the counter: every question of every page, with a note on
 * the ones that apply only after a given answer (without JavaScript nothing can be hidden; the server skips what does
 * not apply). File questions are answered by the scans attached at the end of the page.
 */

type Values = Record<string, unknown>;
type Errors = Record<string, string>;

const text = (v: unknown) => (Array.isArray(v) ? String(v[v.length - 1] ?? '') : v == null ? '' : String(v));

function conditionNote(t: T, form: FormDefinition, cond: Condition | undefined): string | null {
  if (!cond) return null;
  const q = form.pages.flatMap((p) => p.items).find((i) => i.id === cond.question);
  const label = q ? q.label[t.locale] : cond.question;
  const optionLabel = (v: string) => (q && q.type !== 'group' ? (q.options?.find((o) => o.value === v)?.label[t.locale] ?? v) : v);
  const values = cond.in ? cond.in.map(optionLabel) : typeof cond.equals === 'string' ? [optionLabel(cond.equals)] : [t(cond.equals ? 'assisted.form.checked' : 'assisted.form.unchecked')];
  return t('assisted.form.only_if', { question: label, answer: values.join(' / ') });
}

function QuestionField(props: { t: T; q: Question; name: string; values: Values; errors: Errors; map: MapConfig | null; note?: string | null; prefilled?: boolean }) {
  const { t, q, name, values, errors } = props;
  const label = q.label[t.locale] + (q.required === false ? ` ${t('assisted.form.optional')}` : '');
  const hintParts = [q.hint?.[t.locale], props.note, props.prefilled ? t('assisted.form.prefilled') : null].filter(Boolean) as string[];
  const hint: ComponentChildren = hintParts.length ? hintParts.join(' ') : undefined;
  const error = errors[name];
  switch (q.type) {
    case 'textarea':
      return <Textarea name={name} label={label} hint={hint} value={text(values[name])} error={error} rows={4} />;
    case 'date':
      return (
        <DateInput
          name={name}
          legend={label}
          hint={withDateRange(hintParts.join(' ') || undefined, q, t)}
          error={error}
          value={{ day: values[`${name}-day`], month: values[`${name}-month`], year: values[`${name}-year`] }}
        />
      );
    case 'select':
      return (
        <Select
          name={name}
          label={label}
          hint={hint}
          error={error}
          value={text(values[name])}
          options={[{ value: '', label: t('assisted.form.choose') }, ...(q.options ?? []).map((o) => ({ value: o.value, label: o.label[t.locale] }))]}
        />
      );
    case 'radios':
      return <Radios name={name} legend={label} hint={hint} error={error} value={text(values[name])} items={(q.options ?? []).map((o) => ({ value: o.value, label: o.label[t.locale] }))} />;
    case 'checkboxes':
      return <Checkboxes name={name} legend={label} hint={hint} error={error} values={values[name]} items={(q.options ?? []).map((o) => ({ value: o.value, label: o.label[t.locale] }))} />;
    case 'declaration':
      // The page's heading already says "Declarație": the group keeps its name for screen readers only.
      return (
        <Checkboxes
          name={name}
          legend={<span class="govuk-visually-hidden">{t('assisted.form.declaration')}</span>}
          hint={hint}
          error={error}
          values={values[name]}
          items={[{ value: 'yes', label }]}
        />
      );
    case 'address':
      return (
        <FieldGroup id={name} legend={label} hint={hint} error={error}>
          {(['street', 'number', 'details', 'locality', 'county'] as const).map((part) => (
            <TextInput key={part} name={`${name}-${part}`} label={t(`assisted.form.address_${part}`)} value={text(values[`${name}-${part}`])} width={part === 'number' ? 10 : undefined} />
          ))}
        </FieldGroup>
      );
    case 'location':
      // The online form's map, as an aid for the clerk placing what the person describes; the browser's own position
      // is the counter's, so there is no "use my location". Without JavaScript the coordinates or a description are typed.
      return (
        <LocationFields t={t} name={name} label={label} hint={hint ?? t('assisted.form.location_hint')} error={error} value={(f) => text(values[`${name}-${f}`])} map={props.map} locate={false} />
      );
    case 'file':
      return null;
    default:
      return (
        <TextInput
          name={name}
          label={label}
          hint={hint}
          value={text(values[name])}
          error={error}
          inputmode={q.type === 'number' || q.type === 'cnp' ? 'numeric' : q.type === 'email' ? 'email' : q.type === 'phone' ? 'tel' : undefined}
          spellcheck={q.type === 'text' ? undefined : false}
          width={q.type === 'cnp' || q.type === 'cui' || q.type === 'phone' || q.type === 'number' ? 20 : q.type === 'iban' ? 30 : undefined}
        />
      );
  }
}

function GroupField(props: { t: T; g: Group; values: Values; errors: Errors; map: MapConfig | null; note: string | null }) {
  const { t, g, values, errors } = props;
  const posted = Number(text(values[`${g.id}__count`])) || 0;
  const rows = Math.min(g.maxItems, Math.max(posted, Math.max(g.minItems, 1) + 1));
  const error = errors[g.id];
  return (
    <FieldGroup id={g.id} legend={g.label[t.locale]} hint={[g.hint?.[t.locale], props.note].filter(Boolean).join(' ') || undefined} error={error}>
      <input type="hidden" name={`${g.id}__count`} value={String(rows)} />
      {Array.from({ length: rows }, (_, i) => (
        <div class="pd-group-row" key={i}>
          <h3 class="govuk-heading-s">{t('assisted.form.row', { n: i + 1 })}</h3>
          {g.questions.map((q) => (
            <QuestionField key={q.id} t={t} q={{ ...q, required: false }} name={`${g.id}__${i}__${q.id}`} values={values} errors={errors} map={props.map} />
          ))}
        </div>
      ))}
    </FieldGroup>
  );
}

/**
 * What applies only after a given answer carries its condition: with JavaScript (app.js) it is hidden until that
 * answer is chosen, so the clerk neither reads nor tabs through a company's questions for a person. The note stays
 * for the page without JavaScript, where everything shows.
 */
const showIf = (cond: Condition | undefined) => (cond ? JSON.stringify(cond) : undefined);

function Conditional(props: { cond: Condition | undefined; children: ComponentChildren }) {
  return props.cond ? <div data-pd-show-if={showIf(props.cond)}>{props.children}</div> : props.children;
}

/** Every question of the form, page by page (each page a section with its title). */
export function ServiceFormFields(props: { t: T; form: FormDefinition; values: Values; errors: Errors; map: MapConfig | null }) {
  const { t, form, values, errors, map } = props;
  return (
    <>
      {form.pages.map((page) => {
        const items = page.items.filter((i) => i.type !== 'file');
        if (items.length === 0) return null;
        const pageNote = conditionNote(t, form, page.showIf);
        return (
          <section key={page.id} class="govuk-!-margin-bottom-6" data-pd-show-if={showIf(page.showIf)}>
            <h2 class="govuk-heading-m">{page.title[t.locale]}</h2>
            {pageNote ? <p class="govuk-hint">{pageNote}</p> : null}
            {items.map((item) => (
              <Conditional key={item.id} cond={item.showIf}>
                {item.type === 'group' ? (
                  <GroupField t={t} g={item} values={values} errors={errors} map={map} note={conditionNote(t, form, item.showIf)} />
                ) : (
                  <QuestionField
                    t={t}
                    q={isContactQuestion(item) ? { ...item, required: false } : item}
                    name={item.id}
                    values={values}
                    errors={errors}
                    map={map}
                    note={conditionNote(t, form, item.showIf)}
                    prefilled={item.prefill === 'person.name' || item.prefill === 'person.cnp' || item.prefill === 'account.email' || item.prefill === 'account.phone'}
                  />
                )}
              </Conditional>
            ))}
          </section>
        );
      })}
    </>
  );
}

/** Where the error summary links for a field name (the first input of composite fields). */
export function fieldAnchor(form: FormDefinition, name: string): string {
  const q = form.pages.flatMap((p) => p.items).find((i) => i.id === name);
  if (q?.type === 'address') return `${name}-street`;
  if (q?.type === 'date') return `${name}-day`;
  if (q?.type === 'location') return `${name}-lat`;
  return name;
}
