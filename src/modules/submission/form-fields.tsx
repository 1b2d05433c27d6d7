import type { ComponentChildren } from 'preact';
import type { MapConfig } from '../../config.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { formatDate, formatFileSize } from '../../platform/i18n/format.ts';
import { Button, Checkboxes, type Choice, DateInput, FieldGroup, FileUpload, Radios, Select, Textarea, TextInput } from '../../platform/web/components.tsx';
import type { Answers, Group, Question } from '../catalog/domain/form-definition.ts';
import { type Address, type Location, type RawInput, withDateRange } from '../catalog/domain/validate-answers.ts';
import type { Item } from './domain/journey.ts';
import { LocationFields } from './location-map.tsx';
import type { DocumentRow } from './store.ts';

/*
 * Renders the catalogue's question types with the GOV.UK components; field names are those that
 * catalog/domain/validate-answers.ts parses (`<id>-day`, `<id>-street`, `<group>__<i>__<id>`, …).
 */

export type FieldProps = { t: T; raw: RawInput; errors: Record<string, string>; documents: DocumentRow[]; uploadLimitMb: number; uploadLimitBytes?: number; map?: MapConfig | null };

const str = (v: unknown) => (Array.isArray(v) ? String(v[0] ?? '') : v == null ? '' : String(v));

/** Where the error summary links for a field: the first input of a composite field. */
export function fieldAnchor(item: Item, name: string = item.id): string {
  if (item.type === 'group') return `${item.id}__0__${item.questions[0]!.id}`;
  if (item.type === 'date') return `${name}-day`;
  if (item.type === 'address') return `${name}-street`;
  if (item.type === 'location') return `${name}-lat`;
  return name;
}

/** One question; `dependents` are questions of the same page revealed under the radio option they depend on. */
export function QuestionField(props: FieldProps & { q: Question; name?: string; dependents?: Question[] }): ComponentChildren {
  const { q, t, raw, errors } = props;
  const name = props.name ?? q.id;
  const locale = t.locale;
  const label = q.required === false && q.type !== 'declaration' ? `${q.label[locale]} ${t('submission.optional')}` : q.label[locale];
  const hint = q.hint?.[locale];
  const error = errors[name];
  switch (q.type) {
    case 'text':
    case 'cnp':
    case 'cui':
    case 'iban':
    case 'email':
    case 'phone':
    case 'number': {
      const extra = {
        cnp: { inputmode: 'numeric' as const, width: 20 as const, spellcheck: false },
        cui: { width: 10 as const, spellcheck: false },
        iban: { width: 30 as const, spellcheck: false },
        email: { type: 'email' as const, autocomplete: 'email', spellcheck: false },
        phone: { type: 'tel' as const, autocomplete: 'tel', width: 20 as const },
        number: { inputmode: 'decimal' as const, width: 10 as const },
        text: {},
      }[q.type];
      return <TextInput name={name} label={label} hint={hint} error={error} value={str(raw[name])} {...extra} />;
    }
    case 'textarea':
      return <Textarea name={name} label={label} hint={hint} error={error} value={str(raw[name])} />;
    case 'date':
      return <DateInput name={name} legend={label} hint={withDateRange(hint, q, t)} error={error} value={{ day: raw[`${name}-day`], month: raw[`${name}-month`], year: raw[`${name}-year`] }} />;
    case 'select':
      return (
        <Select
          name={name}
          label={label}
          hint={hint}
          error={error}
          value={str(raw[name])}
          options={[{ value: '', label: t('submission.choose') }, ...(q.options ?? []).map((o) => ({ value: o.value, label: o.label[locale] }))]}
        />
      );
    case 'radios': {
      const items: Choice[] = (q.options ?? []).map((o) => {
        const revealed = (props.dependents ?? []).filter((d) => d.showIf?.equals === o.value);
        return {
          value: o.value,
          label: o.label[locale],
          // Without JavaScript every option's follow-ups are shown at once: each block then says whose it is.
          conditional: revealed.length ? (
            <>
              <p class="govuk-hint pd-no-js-only">{t('submission.revealed_by', { answer: o.label[locale] })}</p>
              {revealed.map((d) => (
                <QuestionField {...props} q={d} name={d.id} dependents={[]} key={d.id} />
              ))}
            </>
          ) : undefined,
        };
      });
      return <Radios name={name} legend={label} hint={hint} error={error} value={str(raw[name])} items={items} inline={items.length === 2 && !items.some((i) => i.conditional)} />;
    }
    case 'checkboxes':
      return <Checkboxes name={name} legend={label} hint={hint} error={error} values={raw[name]} items={(q.options ?? []).map((o) => ({ value: o.value, label: o.label[locale] }))} />;
    case 'declaration':
      return <Checkboxes name={name} legend={label} hint={hint} error={error} values={raw[name]} items={[{ value: 'yes', label: t('submission.declaration.yes') }]} />;
    case 'address':
      return (
        <FieldGroup legend={label} hint={hint} error={error} id={name}>
          <TextInput name={`${name}-street`} label={t('submission.address.street')} value={str(raw[`${name}-street`])} autocomplete="address-line1" />
          <TextInput name={`${name}-number`} label={t('submission.address.number')} value={str(raw[`${name}-number`])} width={5} />
          <TextInput name={`${name}-details`} label={t('submission.address.details')} value={str(raw[`${name}-details`])} autocomplete="address-line2" />
          <TextInput name={`${name}-locality`} label={t('submission.address.locality')} value={str(raw[`${name}-locality`])} width={20} autocomplete="address-level2" />
          <TextInput name={`${name}-county`} label={t('submission.address.county')} value={str(raw[`${name}-county`])} width={20} autocomplete="address-level1" />
        </FieldGroup>
      );
    case 'location':
      return <LocationFields t={t} name={name} label={label} hint={hint ?? t('submission.location.hint')} error={error} value={(f) => str(raw[`${name}-${f}`])} map={props.map} />;
    case 'file': {
      const attached = props.documents.filter((d) => d.questionId === q.id);
      return (
        <div class="govuk-form-group">
          {/* The question first: with several file questions on a page, a list above its label read as the previous one's. */}
          <FileUpload name={name} label={label} hint={hint ?? t('submission.file.hint', { max: props.uploadLimitMb })} error={error} multiple accept=".pdf,.jpg,.jpeg,.png,.docx,.odt" maxBytes={props.uploadLimitBytes} />
          <Button variant="secondary" name="action" value={`upload:${q.id}`}>
            {t('submission.file.upload')}
          </Button>
          <AttachedFiles t={t} documents={attached} />
        </div>
      );
    }
  }
}

export function AttachedFiles(props: { t: T; documents: DocumentRow[] }) {
  const { t } = props;
  if (props.documents.length === 0) return <p class="govuk-body">{t('submission.file.none')}</p>;
  return (
    <dl class="govuk-summary-list">
      {props.documents.map((d) => (
        <div class="govuk-summary-list__row" key={d.id}>
          <dt class="govuk-summary-list__key">{d.filename}</dt>
          <dd class="govuk-summary-list__value">{formatFileSize(d.sizeBytes, t.locale)}</dd>
          <dd class="govuk-summary-list__actions">
            <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" name="action" value={`remove:${d.id}`}>
              {t('submission.file.remove')}
              <span class="govuk-visually-hidden"> {d.filename}</span>
            </button>
          </dd>
        </div>
      ))}
    </dl>
  );
}

export function GroupField(props: FieldProps & { g: Group; rows: number }) {
  const { g, t } = props;
  const locale = t.locale;
  const error = props.errors[g.id];
  return (
    <FieldGroup legend={g.label[locale]} hint={g.hint?.[locale]} error={error} id={g.id}>
      <input type="hidden" name={`${g.id}__count`} value={String(props.rows)} />
      {Array.from({ length: props.rows }, (_, i) => (
        <div class="pd-group-row" key={i}>
          <h3 class="govuk-heading-s">{t('submission.group.row', { label: g.label[locale], n: i + 1 })}</h3>
          {g.questions.map((q) => (
            <QuestionField {...props} q={q} name={`${g.id}__${i}__${q.id}`} key={q.id} />
          ))}
        </div>
      ))}
      {props.rows < g.maxItems ? (
        <Button variant="secondary" name="action" value={`add:${g.id}`}>
          {t('submission.group.add', { label: g.label[locale].toLowerCase() })}
        </Button>
      ) : null}
    </FieldGroup>
  );
}


/** An answer as text for check-your-answers and the receipt. */
export function formatAnswer(q: Question, value: unknown, t: T, documents: DocumentRow[]): string {
  const locale = t.locale;
  if (value === undefined || value === null || value === '') return '—';
  switch (q.type) {
    case 'date':
      return formatDate(`${String(value)}T12:00:00Z`);
    case 'select':
    case 'radios':
      return q.options?.find((o) => o.value === value)?.label[locale] ?? String(value);
    case 'checkboxes':
      return (value as string[]).map((v) => q.options?.find((o) => o.value === v)?.label[locale] ?? v).join(', ');
    case 'declaration':
      return value === true ? t('submission.declaration.yes') : '—';
    case 'address': {
      const a = value as Address;
      return [`${a.street} nr. ${a.number}`, a.details, a.locality, a.county].filter(Boolean).join(', ');
    }
    case 'location': {
      const l = value as Location;
      const coords = Number.isFinite(l.lat) ? `${l.lat}, ${l.lng}` : '';
      return [l.description, coords].filter(Boolean).join(' — ');
    }
    case 'file':
      return (
        (value as string[])
          .map((id) => documents.find((d) => d.id === id))
          .filter((d): d is DocumentRow => Boolean(d))
          .map((d) => `${d.filename} (${formatFileSize(d.sizeBytes, t.locale)})`)
          .join(', ') || '—'
      );
    default:
      return String(value);
  }
}

export function formatGroup(g: Group, rows: unknown, t: T, documents: DocumentRow[]): string {
  if (!Array.isArray(rows) || rows.length === 0) return '—';
  return (rows as Answers[]).map((row, i) => `${i + 1}. ${g.questions.map((q) => `${q.label[t.locale]}: ${formatAnswer(q, row[q.id], t, documents)}`).join('; ')}`).join('\n');
}
