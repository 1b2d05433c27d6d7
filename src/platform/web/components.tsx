import { type ComponentChildren, createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { formatFileSize } from '../i18n/format.ts';
import type { PageContext } from './context.ts';

/*
 * Server-rendered components after the GOV.UK Design System patterns (markup and class names of
 * govuk-frontend, whose stylesheet we serve). Every one works without JavaScript.
 * Field components take an already translated `error`; the error summary links to the field ids.
 */

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, unknown>;

const cx = (...names: (string | false | null | undefined)[]) => names.filter(Boolean).join(' ');

/**
 * The page being rendered (the layout provides it), so components can translate their own fixed words
 * ("Error:", "Warning", "page") in the page's language without every caller passing them.
 */
export const PageContextProvider = createContext<PageContext | null>(null);

/** Translates a component's own word in the page's language, with a Romanian fallback outside a page. */
function useWord(key: string, fallback: string, params?: Record<string, string | number>): string {
  const ctx = useContext(PageContextProvider);
  if (!ctx) return fallback.replace(/\{(\w+)\}/g, (m, n: string) => String(params?.[n] ?? m));
  return ctx.t(key, params);
}

export function Button(props: {
  children: ComponentChildren;
  variant?: 'primary' | 'secondary' | 'warning';
  href?: string;
  name?: string;
  value?: string;
  type?: 'submit' | 'button';
  preventDoubleClick?: boolean;
  /** The green "Start now" button with an arrow, for the first page of a service. */
  isStartButton?: boolean;
  disabled?: boolean;
  id?: string;
}) {
  const cls = cx(
    'govuk-button',
    props.variant === 'secondary' && 'govuk-button--secondary',
    props.variant === 'warning' && 'govuk-button--warning',
    props.isStartButton && 'govuk-button--start',
  );
  const icon = props.isStartButton ? (
    <svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
    </svg>
  ) : null;
  if (props.href) {
    return (
      <a href={props.href} role="button" draggable={false} class={cls} data-module="govuk-button" id={props.id}>
        {props.children}
        {icon}
      </a>
    );
  }
  return (
    <button
      type={props.type ?? 'submit'}
      class={cls}
      name={props.name}
      value={props.value}
      id={props.id}
      disabled={props.disabled}
      aria-disabled={props.disabled ? 'true' : undefined}
      data-module="govuk-button"
      data-prevent-double-click={props.preventDoubleClick === false ? undefined : 'true'}
    >
      {props.children}
      {icon}
    </button>
  );
}

export function ButtonGroup(props: { children: ComponentChildren }) {
  return <div class="govuk-button-group">{props.children}</div>;
}

/** A POST form with the CSRF token; `novalidate` so the server's messages, not the browser's, are shown. */
export function Form(props: {
  action: string;
  csrfToken: string;
  children: ComponentChildren;
  multipart?: boolean;
  method?: 'post' | 'get';
}) {
  const method = props.method ?? 'post';
  // Shown by app.js while files are on their way: a photo takes minutes on a slow phone line.
  const sending = useWord('components.form.sending', 'Se trimite… nu închideți pagina');
  return (
    <form
      action={props.action}
      method={method}
      novalidate
      enctype={props.multipart ? 'multipart/form-data' : undefined}
      data-pd-sending={props.multipart ? sending : undefined}
    >
      {method === 'post' ? <input type="hidden" name="_csrf" value={props.csrfToken} /> : null}
      {props.children}
    </form>
  );
}

function Hint(props: { id: string; children?: ComponentChildren }) {
  if (!props.children) return null;
  return (
    <div id={props.id} class="govuk-hint">
      {props.children}
    </div>
  );
}

function ErrorMessage(props: { id: string; error?: string; prefix?: string }) {
  const word = useWord('common.error', 'Eroare');
  if (!props.error) return null;
  return (
    <p id={props.id} class="govuk-error-message">
      <span class="govuk-visually-hidden">{props.prefix ?? word}:</span> {props.error}
    </p>
  );
}

const describedBy = (id: string, hint: unknown, error: unknown) =>
  cx(hint ? `${id}-hint` : null, error ? `${id}-error` : null) || undefined;

type LabelProps = { label: ComponentChildren; isPageHeading?: boolean };

function Label(props: LabelProps & { for: string }) {
  if (props.isPageHeading) {
    return (
      <h1 class="govuk-label-wrapper">
        <label class="govuk-label govuk-label--l" for={props.for}>
          {props.label}
        </label>
      </h1>
    );
  }
  return (
    <label class="govuk-label" for={props.for}>
      {props.label}
    </label>
  );
}

export function TextInput(
  props: LabelProps & {
    name: string;
    id?: string;
    value?: unknown;
    hint?: ComponentChildren;
    error?: string;
    type?: 'text' | 'email' | 'tel' | 'password' | 'number' | 'url' | 'search';
    autocomplete?: string;
    inputmode?: 'numeric' | 'decimal' | 'email' | 'tel' | 'text';
    width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
    spellcheck?: boolean;
    errorPrefix?: string;
    /** Text shown before or after the box, e.g. a currency (`lei`) or a unit. */
    prefix?: string;
    suffix?: string;
    /** The field a clerk types into first on a form filled in over and over (focus on load, without JavaScript). */
    autofocus?: boolean;
  },
) {
  const id = props.id ?? props.name;
  const input = (
    <input
      class={cx('govuk-input', props.width && `govuk-input--width-${props.width}`, props.error && 'govuk-input--error')}
      id={id}
      name={props.name}
      type={(props.type ?? 'text') as 'text'}
      value={props.type === 'password' || props.value == null ? undefined : String(props.value)}
      autocomplete={props.autocomplete}
      inputmode={props.inputmode}
      spellcheck={props.spellcheck}
      autofocus={props.autofocus || undefined}
      aria-describedby={describedBy(id, props.hint, props.error)}
    />
  );
  return (
    <div class={cx('govuk-form-group', props.error && 'govuk-form-group--error')}>
      <Label for={id} label={props.label} isPageHeading={props.isPageHeading} />
      <Hint id={`${id}-hint`}>{props.hint}</Hint>
      <ErrorMessage id={`${id}-error`} error={props.error} prefix={props.errorPrefix} />
      {props.prefix || props.suffix ? (
        <div class="govuk-input__wrapper">
          {props.prefix ? (
            <div class="govuk-input__prefix" aria-hidden="true">
              {props.prefix}
            </div>
          ) : null}
          {input}
          {props.suffix ? (
            <div class="govuk-input__suffix" aria-hidden="true">
              {props.suffix}
            </div>
          ) : null}
        </div>
      ) : (
        input
      )}
    </div>
  );
}

export function Textarea(
  props: LabelProps & {
    name: string;
    id?: string;
    value?: unknown;
    hint?: ComponentChildren;
    error?: string;
    rows?: number;
    errorPrefix?: string;
    autocomplete?: string;
    spellcheck?: boolean;
    /** Turns the textarea into a character count (GOV.UK): the limit is stated, and counted live with JavaScript. */
    maxLength?: number;
  },
) {
  const id = props.id ?? props.name;
  const limitText = useWord('components.character_count.limit', 'Numărul maxim de caractere: {n}', { n: props.maxLength ?? 0 });
  const remainingText = useWord('components.character_count.remaining', 'Caractere rămase: {n}');
  const overText = useWord('components.character_count.over', 'Caractere peste limită: {n}');
  const counted = props.maxLength != null;
  return (
    <div
      class={cx('govuk-form-group', counted && 'govuk-character-count', props.error && 'govuk-form-group--error')}
      data-module={counted ? 'govuk-character-count' : undefined}
      data-maxlength={counted ? String(props.maxLength) : undefined}
      data-text-remaining={counted ? remainingText : undefined}
      data-text-over={counted ? overText : undefined}
    >
      <Label for={id} label={props.label} isPageHeading={props.isPageHeading} />
      <Hint id={`${id}-hint`}>{props.hint}</Hint>
      <ErrorMessage id={`${id}-error`} error={props.error} prefix={props.errorPrefix} />
      <textarea
        class={cx('govuk-textarea', counted && 'govuk-js-character-count', props.error && 'govuk-textarea--error')}
        id={id}
        name={props.name}
        rows={props.rows ?? 5}
        autocomplete={props.autocomplete}
        spellcheck={props.spellcheck}
        aria-describedby={cx(counted && `${id}-info`, describedBy(id, props.hint, props.error)) || undefined}
      >
        {props.value == null ? '' : String(props.value)}
      </textarea>
      {counted ? (
        <div id={`${id}-info`} class="govuk-hint govuk-character-count__message">
          {limitText}
        </div>
      ) : null}
    </div>
  );
}

/** GOV.UK character count: a textarea that states its limit; the server enforces it too. */
export function CharacterCount(props: Parameters<typeof Textarea>[0] & { maxLength: number }) {
  return <Textarea {...props} />;
}

export type Choice = {
  value: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  /** Content revealed when this option is chosen (e.g. a follow-up question). Without JavaScript it is always shown. */
  conditional?: ComponentChildren;
  /** A separator shown before this option, such as "sau" before "None of these". */
  divider?: string;
};

function Fieldset(props: {
  legend: ComponentChildren;
  isPageHeading?: boolean;
  describedBy?: string;
  children: ComponentChildren;
  role?: 'group';
  small?: boolean;
}) {
  return (
    <fieldset class="govuk-fieldset" aria-describedby={props.describedBy} role={props.role}>
      <legend class={cx('govuk-fieldset__legend', props.isPageHeading && 'govuk-fieldset__legend--l', props.small && 'govuk-fieldset__legend--s')}>
        {props.isPageHeading ? <h1 class="govuk-fieldset__heading">{props.legend}</h1> : props.legend}
      </legend>
      {props.children}
    </fieldset>
  );
}

/** One radio or checkbox option with its hint and revealed content, in govuk-frontend's markup. */
function ChoiceItem(props: { kind: 'radios' | 'checkboxes'; name: string; itemId: string; item: Choice; checked: boolean }) {
  const { kind, item, itemId } = props;
  const conditionalId = `conditional-${itemId}`;
  return (
    <>
      {item.divider ? <div class={`govuk-${kind}__divider`}>{item.divider}</div> : null}
      <div class={`govuk-${kind}__item`}>
        <input
          class={`govuk-${kind}__input`}
          id={itemId}
          name={props.name}
          type={kind === 'radios' ? 'radio' : 'checkbox'}
          value={item.value}
          checked={props.checked}
          data-aria-controls={item.conditional ? conditionalId : undefined}
          aria-describedby={item.hint ? `${itemId}-item-hint` : undefined}
        />
        <label class={`govuk-label govuk-${kind}__label`} for={itemId}>
          {item.label}
        </label>
        {item.hint ? (
          <div id={`${itemId}-item-hint`} class={`govuk-hint govuk-${kind}__hint`}>
            {item.hint}
          </div>
        ) : null}
      </div>
      {item.conditional ? (
        // The --hidden class only hides when JavaScript marked the page as supported (govuk-frontend CSS).
        <div class={cx(`govuk-${kind}__conditional`, !props.checked && `govuk-${kind}__conditional--hidden`)} id={conditionalId}>
          {item.conditional}
        </div>
      ) : null}
    </>
  );
}

export function Radios(props: {
  name: string;
  legend: ComponentChildren;
  items: Choice[];
  value?: unknown;
  hint?: ComponentChildren;
  error?: string;
  isPageHeading?: boolean;
  inline?: boolean;
  errorPrefix?: string;
  small?: boolean;
}) {
  const id = props.name;
  return (
    <div class={cx('govuk-form-group', props.error && 'govuk-form-group--error')}>
      <Fieldset legend={props.legend} isPageHeading={props.isPageHeading} describedBy={describedBy(id, props.hint, props.error)}>
        <Hint id={`${id}-hint`}>{props.hint}</Hint>
        <ErrorMessage id={`${id}-error`} error={props.error} prefix={props.errorPrefix} />
        <div class={cx('govuk-radios', props.inline && 'govuk-radios--inline', props.small && 'govuk-radios--small')} data-module="govuk-radios">
          {props.items.map((item, i) => (
            <ChoiceItem
              key={item.value}
              kind="radios"
              name={props.name}
              itemId={i === 0 ? id : `${id}-${i + 1}`}
              item={item}
              checked={String(props.value ?? '') === item.value}
            />
          ))}
        </div>
      </Fieldset>
    </div>
  );
}

export function Checkboxes(props: {
  name: string;
  legend: ComponentChildren;
  items: Choice[];
  values?: unknown;
  hint?: ComponentChildren;
  error?: string;
  isPageHeading?: boolean;
  errorPrefix?: string;
  small?: boolean;
  /** The first box's id (the error summary links to it); the name when not given. */
  id?: string;
}) {
  const id = props.id ?? props.name;
  const selected = new Set((Array.isArray(props.values) ? props.values : props.values == null ? [] : [props.values]).map(String));
  return (
    <div class={cx('govuk-form-group', props.error && 'govuk-form-group--error')}>
      <Fieldset legend={props.legend} isPageHeading={props.isPageHeading} describedBy={describedBy(id, props.hint, props.error)}>
        <Hint id={`${id}-hint`}>{props.hint}</Hint>
        <ErrorMessage id={`${id}-error`} error={props.error} prefix={props.errorPrefix} />
        <div class={cx('govuk-checkboxes', props.small && 'govuk-checkboxes--small')} data-module="govuk-checkboxes">
          {props.items.map((item, i) => (
            <ChoiceItem
              key={item.value}
              kind="checkboxes"
              name={props.name}
              itemId={i === 0 ? id : `${id}-${i + 1}`}
              item={item}
              checked={selected.has(item.value)}
            />
          ))}
        </div>
      </Fieldset>
    </div>
  );
}

/** Day / month / year in three boxes (GOV.UK pattern); the server joins them into a date. */
export function DateInput(props: {
  name: string;
  legend: ComponentChildren;
  value?: { day?: unknown; month?: unknown; year?: unknown };
  hint?: ComponentChildren;
  error?: string;
  isPageHeading?: boolean;
  /** The words Zi / Lună / An; by default in the page's language. */
  labels?: { day: string; month: string; year: string };
  errorPrefix?: string;
  /** `bday` for a date of birth, so browsers can fill it in. */
  autocomplete?: 'bday';
  /** Only these parts are marked as wrong (e.g. just the year); all three when absent. */
  errorParts?: ('day' | 'month' | 'year')[];
}) {
  const id = props.name;
  const words = {
    day: useWord('common.day', 'Zi'),
    month: useWord('common.month', 'Lună'),
    year: useWord('common.year', 'An'),
  };
  const labels = props.labels ?? words;
  const part = (key: 'day' | 'month' | 'year', width: 2 | 4) => (
    <div class="govuk-date-input__item">
      <div class="govuk-form-group">
        <label class="govuk-label govuk-date-input__label" for={`${id}-${key}`}>
          {labels[key]}
        </label>
        <input
          class={cx(
            'govuk-input govuk-date-input__input',
            `govuk-input--width-${width}`,
            props.error && (!props.errorParts || props.errorParts.includes(key)) && 'govuk-input--error',
          )}
          id={`${id}-${key}`}
          name={`${props.name}-${key}`}
          type="text"
          inputmode="numeric"
          autocomplete={props.autocomplete ? `bday-${key}` : undefined}
          value={props.value?.[key] == null ? undefined : String(props.value[key])}
        />
      </div>
    </div>
  );
  return (
    <div class={cx('govuk-form-group', props.error && 'govuk-form-group--error')}>
      <Fieldset legend={props.legend} isPageHeading={props.isPageHeading} role="group" describedBy={describedBy(id, props.hint, props.error)}>
        <Hint id={`${id}-hint`}>{props.hint}</Hint>
        <ErrorMessage id={`${id}-error`} error={props.error} prefix={props.errorPrefix} />
        <div class="govuk-date-input" id={id}>
          {part('day', 2)}
          {part('month', 2)}
          {part('year', 4)}
        </div>
      </Fieldset>
    </div>
  );
}

export function FileUpload(
  props: LabelProps & {
    name: string;
    id?: string;
    hint?: ComponentChildren;
    error?: string;
    accept?: string;
    multiple?: boolean;
    errorPrefix?: string;
    /** The largest file the server takes (what the hint states): app.js refuses a larger one before sending it. */
    maxBytes?: number;
  },
) {
  const id = props.id ?? props.name;
  const ctx = useContext(PageContextProvider);
  const max = props.maxBytes ? formatFileSize(props.maxBytes, ctx?.locale ?? 'ro') : '';
  const tooLarge = useWord('components.file_upload.too_large', 'Fișierul „{name}” are {size}, iar se pot trimite fișiere de cel mult {max}. Alegeți o fotografie mai mică sau micșorați-o și încercați din nou.', { max });
  const summaryTitle = useWord('common.error_summary_title', 'Există o problemă');
  const errorWord = useWord('common.error', 'Eroare');
  const check = props.maxBytes
    ? { 'data-pd-max-bytes': String(props.maxBytes), 'data-pd-too-large': tooLarge, 'data-pd-error-title': summaryTitle, 'data-pd-error-word': errorWord }
    : {};
  return (
    <div class={cx('govuk-form-group', props.error && 'govuk-form-group--error')}>
      <Label for={id} label={props.label} isPageHeading={props.isPageHeading} />
      <Hint id={`${id}-hint`}>{props.hint}</Hint>
      <ErrorMessage id={`${id}-error`} error={props.error} prefix={props.errorPrefix} />
      <input
        class={cx('govuk-file-upload', props.error && 'govuk-file-upload--error')}
        id={id}
        name={props.name}
        type="file"
        accept={props.accept}
        multiple={props.multiple}
        aria-describedby={describedBy(id, props.hint, props.error)}
        {...check}
      />
    </div>
  );
}

/**
 * Lists every error at the top of the page, each linking to its field. `autofocus` with tabindex=-1
 * moves focus to it on load without JavaScript, so screen readers announce the problem first.
 */
export function ErrorSummary(props: { title: string; errors: FieldErrors; fieldIds?: Record<string, string> }) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <div class="govuk-error-summary" data-module="govuk-error-summary" tabindex={-1} autofocus>
      <div role="alert">
        <h2 class="govuk-error-summary__title">{props.title}</h2>
        <div class="govuk-error-summary__body">
          <ul class="govuk-list govuk-error-summary__list">
            {entries.map(([field, message]) => (
              <li key={field}>
                <a href={`#${props.fieldIds?.[field] ?? field}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export function NotificationBanner(props: { title: string; type?: 'success'; children: ComponentChildren; id?: string }) {
  const success = props.type === 'success';
  // Two banners on one page need different title ids (the layout's flash banner uses the default).
  const titleId = props.id ? `${props.id}-title` : 'govuk-notification-banner-title';
  return (
    <div
      class={cx('govuk-notification-banner', success && 'govuk-notification-banner--success')}
      role={success ? 'alert' : 'region'}
      aria-labelledby={titleId}
      data-module="govuk-notification-banner"
      id={props.id}
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id={titleId}>
          {props.title}
        </h2>
      </div>
      <div class="govuk-notification-banner__content">{props.children}</div>
    </div>
  );
}

export function Panel(props: { title: ComponentChildren; children?: ComponentChildren }) {
  return (
    <div class="govuk-panel govuk-panel--confirmation">
      <h1 class="govuk-panel__title">{props.title}</h1>
      {props.children ? <div class="govuk-panel__body">{props.children}</div> : null}
    </div>
  );
}

export type SummaryRow = {
  key: ComponentChildren;
  value: ComponentChildren;
  action?: { href: string; label: string; visuallyHidden: string };
};

export function SummaryList(props: { rows: SummaryRow[]; noBorder?: boolean }) {
  return (
    <dl class={cx('govuk-summary-list', props.noBorder && 'govuk-summary-list--no-border')}>
      {props.rows.map((row, i) => (
        <div class={cx('govuk-summary-list__row', !row.action && 'govuk-summary-list__row--no-actions')} key={i}>
          <dt class="govuk-summary-list__key">{row.key}</dt>
          <dd class="govuk-summary-list__value">{row.value}</dd>
          {row.action ? (
            <dd class="govuk-summary-list__actions">
              <a class="govuk-link" href={row.action.href}>
                {row.action.label}
                <span class="govuk-visually-hidden"> {row.action.visuallyHidden}</span>
              </a>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}

export function Table(props: {
  caption: ComponentChildren;
  head: ComponentChildren[];
  rows: ComponentChildren[][];
  numericColumns?: number[];
  captionSize?: 's' | 'm' | 'l';
  /** The first cell of each row is that row's header (default); false for tables whose rows have no natural name. */
  firstCellIsHeader?: boolean;
  /**
   * On a phone (narrower than govuk's 641 px breakpoint) each row becomes a block whose cells carry their column's
   * heading, instead of a table wider than the screen whose last columns nobody finds (WCAG 1.4.10 reflow). The
   * explicit ARIA roles keep it a table for screen readers, which some browsers forget once it is not laid out as one.
   */
  stackOnPhone?: boolean;
}) {
  const numeric = new Set(props.numericColumns ?? []);
  const rowHeader = props.firstCellIsHeader !== false;
  const stack = props.stackOnPhone === true;
  // Only a text heading can label its cells (CSS reads it from data-label).
  const label = (i: number) => (stack && typeof props.head[i] === 'string' ? (props.head[i] as string) : undefined);
  const role = (r: 'table' | 'rowgroup' | 'row' | 'columnheader' | 'rowheader' | 'cell') => (stack ? r : undefined);
  return (
    <table class={cx('govuk-table', stack && 'pd-table-stack')} role={role('table')}>
      <caption class={`govuk-table__caption govuk-table__caption--${props.captionSize ?? 'm'}`}>{props.caption}</caption>
      <thead class="govuk-table__head" role={role('rowgroup')}>
        <tr class="govuk-table__row" role={role('row')}>
          {props.head.map((h, i) => (
            <th scope="col" class={cx('govuk-table__header', numeric.has(i) && 'govuk-table__header--numeric')} role={role('columnheader')} key={i}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body" role={role('rowgroup')}>
        {props.rows.map((row, r) => (
          <tr class="govuk-table__row" role={role('row')} key={r}>
            {row.map((cell, i) =>
              i === 0 && rowHeader ? (
                <th scope="row" class="govuk-table__header" role={role('rowheader')} data-label={label(i)} key={i}>
                  {cell}
                </th>
              ) : (
                <td class={cx('govuk-table__cell', numeric.has(i) && 'govuk-table__cell--numeric')} role={role('cell')} data-label={label(i)} key={i}>
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Page links for a list; `hrefFor(n)` builds the URL of page n (keeps the filters). */
/**
 * A wide table scrolls inside its own box on a narrow screen instead of making the page scroll sideways (WCAG
 * 1.4.10); the box is a labelled region that takes focus, so it can be scrolled with the keyboard.
 */
export function ScrollBox(props: { label: string; children: ComponentChildren }) {
  return (
    <div class="pd-table-scroll" role="region" aria-label={props.label} tabindex={0}>
      {props.children}
    </div>
  );
}

export function Pagination(props: {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
  labels: { previous: string; next: string; nav: string; page: (n: number) => string };
}) {
  const { page, pageCount } = props;
  const pageWord = useWord('components.pagination.page', 'pagina');
  if (pageCount <= 1) return null;
  const pages: (number | 'gap')[] = [];
  for (let n = 1; n <= pageCount; n++) {
    if (n === 1 || n === pageCount || Math.abs(n - page) <= 1) pages.push(n);
    else if (pages[pages.length - 1] !== 'gap') pages.push('gap');
  }
  return (
    <nav class="govuk-pagination" aria-label={props.labels.nav}>
      {page > 1 ? (
        <div class="govuk-pagination__prev">
          <a class="govuk-link govuk-pagination__link" href={props.hrefFor(page - 1)} rel="prev">
            <svg class="govuk-pagination__icon govuk-pagination__icon--prev" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
              <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z" />
            </svg>
            <span class="govuk-pagination__link-title">
              {props.labels.previous}
              <span class="govuk-visually-hidden"> {pageWord}</span>
            </span>
          </a>
        </div>
      ) : null}
      <ul class="govuk-pagination__list">
        {pages.map((p, i) =>
          p === 'gap' ? (
            <li class="govuk-pagination__item govuk-pagination__item--ellipses" key={`g${i}`}>
              &ctdot;
            </li>
          ) : (
            <li class={cx('govuk-pagination__item', p === page && 'govuk-pagination__item--current')} key={p}>
              <a
                class="govuk-link govuk-pagination__link"
                href={props.hrefFor(p)}
                aria-label={props.labels.page(p)}
                aria-current={p === page ? 'page' : undefined}
              >
                {p}
              </a>
            </li>
          ),
        )}
      </ul>
      {page < pageCount ? (
        <div class="govuk-pagination__next">
          <a class="govuk-link govuk-pagination__link" href={props.hrefFor(page + 1)} rel="next">
            <span class="govuk-pagination__link-title">
              {props.labels.next}
              <span class="govuk-visually-hidden"> {pageWord}</span>
            </span>
            <svg class="govuk-pagination__icon govuk-pagination__icon--next" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13">
              <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z" />
            </svg>
          </a>
        </div>
      ) : null}
    </nav>
  );
}

export type TagColour = 'grey' | 'green' | 'turquoise' | 'blue' | 'light-blue' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow';

/** A status tag; `sentence` for one holding a whole sentence (it then takes the line's width instead of 160 px). */
export function Tag(props: { children: ComponentChildren; colour?: TagColour; sentence?: boolean }) {
  return <strong class={cx('govuk-tag', props.colour && `govuk-tag--${props.colour}`, props.sentence && 'pd-tag-sentence')}>{props.children}</strong>;
}

export type Task = { title: string; href?: string; hint?: string; status: { text: string; colour?: TagColour } | string };

export function TaskList(props: { tasks: Task[]; idPrefix?: string }) {
  const prefix = props.idPrefix ?? 'task';
  return (
    <ul class="govuk-task-list">
      {props.tasks.map((task, i) => {
        const id = `${prefix}-${i + 1}`;
        const status =
          typeof task.status === 'string' ? (
            <div class={cx('govuk-task-list__status', !task.href && 'govuk-task-list__status--cannot-start-yet')} id={`${id}-status`}>
              {task.status}
            </div>
          ) : (
            <div class="govuk-task-list__status" id={`${id}-status`}>
              <Tag colour={task.status.colour}>{task.status.text}</Tag>
            </div>
          );
        return (
          <li class={cx('govuk-task-list__item', task.href && 'govuk-task-list__item--with-link')} key={id}>
            <div class="govuk-task-list__name-and-hint">
              {task.href ? (
                <a class="govuk-link govuk-task-list__link" href={task.href} aria-describedby={cx(task.hint && `${id}-hint`, `${id}-status`)}>
                  {task.title}
                </a>
              ) : (
                <div>{task.title}</div>
              )}
              {task.hint ? (
                <div id={`${id}-hint`} class="govuk-task-list__hint">
                  {task.hint}
                </div>
              ) : null}
            </div>
            {status}
          </li>
        );
      })}
    </ul>
  );
}

export function BackLink(props: { href: string; children: ComponentChildren }) {
  return (
    <a href={props.href} class="govuk-back-link">
      {props.children}
    </a>
  );
}

export function InsetText(props: { children: ComponentChildren }) {
  return <div class="govuk-inset-text">{props.children}</div>;
}

export function WarningText(props: { children: ComponentChildren; assistive?: string }) {
  const word = useWord('common.warning', 'Atenție');
  return (
    <div class="govuk-warning-text">
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">{props.assistive ?? word}</span>
        {props.children}
      </strong>
    </div>
  );
}

/** A disclosure; `open` when what it holds must be seen at once (a form inside it that came back with an error). */
export function Details(props: { summary: ComponentChildren; children: ComponentChildren; open?: boolean }) {
  return (
    <details class="govuk-details" open={props.open || undefined}>
      <summary class="govuk-details__summary">
        <span class="govuk-details__summary-text">{props.summary}</span>
      </summary>
      <div class="govuk-details__text">{props.children}</div>
    </details>
  );
}

export function H1(props: { children: ComponentChildren; caption?: ComponentChildren }) {
  return (
    <>
      {props.caption ? <span class="govuk-caption-l">{props.caption}</span> : null}
      <h1 class="govuk-heading-l">{props.children}</h1>
    </>
  );
}

export function P(props: { children: ComponentChildren; size?: 's' | 'l'; id?: string }) {
  const { size, children, id } = props;
  return (
    <p class={size === 'l' ? 'govuk-body-l' : size === 's' ? 'govuk-body-s' : 'govuk-body'} id={id}>
      {children}
    </p>
  );
}

/**
 * A form group of several inputs answering one question (an address, a map point, a repeatable group): one
 * legend, its hint and its error, the inputs inside.
 */
export function FieldGroup(props: { id: string; legend: ComponentChildren; hint?: ComponentChildren; error?: string; children: ComponentChildren }) {
  const { id } = props;
  return (
    <div class={cx('govuk-form-group', props.error && 'govuk-form-group--error')}>
      <Fieldset legend={props.legend} small describedBy={describedBy(id, props.hint, props.error)}>
        <Hint id={`${id}-hint`}>{props.hint}</Hint>
        <ErrorMessage id={`${id}-error`} error={props.error} />
        {props.children}
      </Fieldset>
    </div>
  );
}

/** A GOV.UK select; options keep their order. Prefer radios for fewer than about eight options. */
export function Select(props: {
  name: string;
  label: ComponentChildren;
  options: { value: string; label: string }[];
  value?: unknown;
  hint?: ComponentChildren;
  error?: string;
  errorPrefix?: string;
}) {
  const id = props.name;
  const described = [props.hint ? `${id}-hint` : '', props.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`govuk-form-group${props.error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for={id}>
        {props.label}
      </label>
      {props.hint ? (
        <div id={`${id}-hint`} class="govuk-hint">
          {props.hint}
        </div>
      ) : null}
      {props.error ? (
        <p id={`${id}-error`} class="govuk-error-message">
          <span class="govuk-visually-hidden">{props.errorPrefix ?? 'Eroare'}:</span> {props.error}
        </p>
      ) : null}
      <select class={`govuk-select${props.error ? ' govuk-select--error' : ''}`} id={id} name={props.name} aria-describedby={described}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value} selected={String(props.value ?? '') === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
