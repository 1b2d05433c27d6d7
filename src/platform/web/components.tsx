import type { ComponentChildren } from 'preact';

/*
 * Server-rendered components after the GOV.UK Design System patterns (markup and class names of
 * govuk-frontend, whose stylesheet we serve). Every one works without JavaScript.
 * Field components take an already translated `error`; the error summary links to the field ids.
 */

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, unknown>;

const cx = (...names: (string | false | null | undefined)[]) => names.filter(Boolean).join(' ');

export function Button(props: {
  children: ComponentChildren;
  variant?: 'primary' | 'secondary' | 'warning';
  href?: string;
  name?: string;
  value?: string;
  type?: 'submit' | 'button';
  preventDoubleClick?: boolean;
}) {
  const cls = cx('govuk-button', props.variant === 'secondary' && 'govuk-button--secondary', props.variant === 'warning' && 'govuk-button--warning');
  if (props.href) {
    return (
      <a href={props.href} role="button" draggable={false} class={cls} data-module="govuk-button">
        {props.children}
      </a>
    );
  }
  return (
    <button
      type={props.type ?? 'submit'}
      class={cls}
      name={props.name}
      value={props.value}
      data-module="govuk-button"
      data-prevent-double-click={props.preventDoubleClick === false ? undefined : 'true'}
    >
      {props.children}
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
  return (
    <form action={props.action} method={method} novalidate enctype={props.multipart ? 'multipart/form-data' : undefined}>
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
  if (!props.error) return null;
  return (
    <p id={props.id} class="govuk-error-message">
      <span class="govuk-visually-hidden">{props.prefix ?? 'Eroare'}:</span> {props.error}
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
  },
) {
  const id = props.id ?? props.name;
  return (
    <div class={cx('govuk-form-group', props.error && 'govuk-form-group--error')}>
      <Label for={id} label={props.label} isPageHeading={props.isPageHeading} />
      <Hint id={`${id}-hint`}>{props.hint}</Hint>
      <ErrorMessage id={`${id}-error`} error={props.error} prefix={props.errorPrefix} />
      <input
        class={cx('govuk-input', props.width && `govuk-input--width-${props.width}`, props.error && 'govuk-input--error')}
        id={id}
        name={props.name}
        type={(props.type ?? 'text') as 'text'}
        value={props.type === 'password' || props.value == null ? undefined : String(props.value)}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        spellcheck={props.spellcheck}
        aria-describedby={describedBy(id, props.hint, props.error)}
      />
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
  },
) {
  const id = props.id ?? props.name;
  return (
    <div class={cx('govuk-form-group', props.error && 'govuk-form-group--error')}>
      <Label for={id} label={props.label} isPageHeading={props.isPageHeading} />
      <Hint id={`${id}-hint`}>{props.hint}</Hint>
      <ErrorMessage id={`${id}-error`} error={props.error} prefix={props.errorPrefix} />
      <textarea
        class={cx('govuk-textarea', props.error && 'govuk-textarea--error')}
        id={id}
        name={props.name}
        rows={props.rows ?? 5}
        aria-describedby={describedBy(id, props.hint, props.error)}
      >
        {props.value == null ? '' : String(props.value)}
      </textarea>
    </div>
  );
}

export type Choice = { value: string; label: ComponentChildren; hint?: ComponentChildren; conditional?: ComponentChildren };

function Fieldset(props: {
  legend: ComponentChildren;
  isPageHeading?: boolean;
  describedBy?: string;
  children: ComponentChildren;
  role?: 'group';
}) {
  return (
    <fieldset class="govuk-fieldset" aria-describedby={props.describedBy} role={props.role}>
      <legend class={cx('govuk-fieldset__legend', props.isPageHeading && 'govuk-fieldset__legend--l')}>
        {props.isPageHeading ? <h1 class="govuk-fieldset__heading">{props.legend}</h1> : props.legend}
      </legend>
      {props.children}
    </fieldset>
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
}) {
  const id = props.name;
  return (
    <div class={cx('govuk-form-group', props.error && 'govuk-form-group--error')}>
      <Fieldset legend={props.legend} isPageHeading={props.isPageHeading} describedBy={describedBy(id, props.hint, props.error)}>
        <Hint id={`${id}-hint`}>{props.hint}</Hint>
        <ErrorMessage id={`${id}-error`} error={props.error} prefix={props.errorPrefix} />
        <div class={cx('govuk-radios', props.inline && 'govuk-radios--inline')} data-module="govuk-radios">
          {props.items.map((item, i) => {
            const itemId = i === 0 ? id : `${id}-${i + 1}`;
            return (
              <>
                <div class="govuk-radios__item" key={item.value}>
                  <input
                    class="govuk-radios__input"
                    id={itemId}
                    name={props.name}
                    type="radio"
                    value={item.value}
                    checked={String(props.value ?? '') === item.value}
                    aria-describedby={item.hint ? `${itemId}-item-hint` : undefined}
                  />
                  <label class="govuk-label govuk-radios__label" for={itemId}>
                    {item.label}
                  </label>
                  {item.hint ? (
                    <div id={`${itemId}-item-hint`} class="govuk-hint govuk-radios__hint">
                      {item.hint}
                    </div>
                  ) : null}
                </div>
                {item.conditional ? <div class="govuk-radios__conditional">{item.conditional}</div> : null}
              </>
            );
          })}
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
}) {
  const id = props.name;
  const selected = new Set((Array.isArray(props.values) ? props.values : props.values == null ? [] : [props.values]).map(String));
  return (
    <div class={cx('govuk-form-group', props.error && 'govuk-form-group--error')}>
      <Fieldset legend={props.legend} isPageHeading={props.isPageHeading} describedBy={describedBy(id, props.hint, props.error)}>
        <Hint id={`${id}-hint`}>{props.hint}</Hint>
        <ErrorMessage id={`${id}-error`} error={props.error} prefix={props.errorPrefix} />
        <div class="govuk-checkboxes" data-module="govuk-checkboxes">
          {props.items.map((item, i) => {
            const itemId = i === 0 ? id : `${id}-${i + 1}`;
            return (
              <div class="govuk-checkboxes__item" key={item.value}>
                <input
                  class="govuk-checkboxes__input"
                  id={itemId}
                  name={props.name}
                  type="checkbox"
                  value={item.value}
                  checked={selected.has(item.value)}
                  aria-describedby={item.hint ? `${itemId}-item-hint` : undefined}
                />
                <label class="govuk-label govuk-checkboxes__label" for={itemId}>
                  {item.label}
                </label>
                {item.hint ? (
                  <div id={`${itemId}-item-hint`} class="govuk-hint govuk-checkboxes__hint">
                    {item.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
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
  labels: { day: string; month: string; year: string };
  errorPrefix?: string;
}) {
  const id = props.name;
  const part = (key: 'day' | 'month' | 'year', width: 2 | 4) => (
    <div class="govuk-date-input__item">
      <div class="govuk-form-group">
        <label class="govuk-label govuk-date-input__label" for={`${id}-${key}`}>
          {props.labels[key]}
        </label>
        <input
          class={cx('govuk-input govuk-date-input__input', `govuk-input--width-${width}`, props.error && 'govuk-input--error')}
          id={`${id}-${key}`}
          name={`${props.name}-${key}`}
          type="text"
          inputmode="numeric"
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
  props: LabelProps & { name: string; id?: string; hint?: ComponentChildren; error?: string; accept?: string; multiple?: boolean; errorPrefix?: string },
) {
  const id = props.id ?? props.name;
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

export function NotificationBanner(props: { title: string; type?: 'success'; children: ComponentChildren }) {
  const success = props.type === 'success';
  return (
    <div
      class={cx('govuk-notification-banner', success && 'govuk-notification-banner--success')}
      role={success ? 'alert' : 'region'}
      aria-labelledby="govuk-notification-banner-title"
      data-module="govuk-notification-banner"
    >
      <div class="govuk-notification-banner__header">
        <h2 class="govuk-notification-banner__title" id="govuk-notification-banner-title">
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
}) {
  const numeric = new Set(props.numericColumns ?? []);
  return (
    <table class="govuk-table">
      <caption class={`govuk-table__caption govuk-table__caption--${props.captionSize ?? 'm'}`}>{props.caption}</caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          {props.head.map((h, i) => (
            <th scope="col" class={cx('govuk-table__header', numeric.has(i) && 'govuk-table__header--numeric')} key={i}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {props.rows.map((row, r) => (
          <tr class="govuk-table__row" key={r}>
            {row.map((cell, i) =>
              i === 0 ? (
                <th scope="row" class="govuk-table__header" key={i}>
                  {cell}
                </th>
              ) : (
                <td class={cx('govuk-table__cell', numeric.has(i) && 'govuk-table__cell--numeric')} key={i}>
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
export function Pagination(props: {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
  labels: { previous: string; next: string; nav: string; page: (n: number) => string };
}) {
  const { page, pageCount } = props;
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
            <span class="govuk-pagination__link-title">{props.labels.previous}</span>
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
            <span class="govuk-pagination__link-title">{props.labels.next}</span>
          </a>
        </div>
      ) : null}
    </nav>
  );
}

export type TagColour = 'grey' | 'green' | 'turquoise' | 'blue' | 'light-blue' | 'purple' | 'pink' | 'red' | 'orange' | 'yellow';

export function Tag(props: { children: ComponentChildren; colour?: TagColour }) {
  return <strong class={cx('govuk-tag', props.colour && `govuk-tag--${props.colour}`)}>{props.children}</strong>;
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
            <span class="govuk-task-list__status" id={`${id}-status`}>
              {task.status}
            </span>
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

export function WarningText(props: { children: ComponentChildren; assistive: string }) {
  return (
    <div class="govuk-warning-text">
      <span class="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong class="govuk-warning-text__text">
        <span class="govuk-visually-hidden">{props.assistive}</span>
        {props.children}
      </strong>
    </div>
  );
}

export function Details(props: { summary: ComponentChildren; children: ComponentChildren }) {
  return (
    <details class="govuk-details">
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
