import type { ComponentChildren } from 'preact';

/**
 * A long form (the registry's document, the counter's request) whose typing survives the session ending before it is
 * sent: the browser keeps what was typed in the tab (sessionStorage; assets/app.js) and, when the form comes back
 * through sign-in without having been received, fills it in again and shows `notice`. Files cannot be kept this way:
 * the notice says to choose them again. Without JavaScript nothing is kept, and the sign-in page says so.
 */
export function KeepTyped(props: { notice: string; children: ComponentChildren }) {
  return (
    <div data-pd-keep-typed="">
      <div class="govuk-inset-text" data-pd-typed-restored="" tabindex={-1} hidden>
        {props.notice}
      </div>
      {props.children}
    </div>
  );
}
