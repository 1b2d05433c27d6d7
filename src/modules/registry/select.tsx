import type { ComponentChildren } from 'preact';

/** A GOV.UK select (the shared components have none yet); options keep their order. */
export function Select(props: {
  name: string;
  label: ComponentChildren;
  options: { value: string; label: string }[];
  value?: unknown;
  hint?: ComponentChildren;
  error?: string;
  errorPrefix: string;
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
          <span class="govuk-visually-hidden">{props.errorPrefix}:</span> {props.error}
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
