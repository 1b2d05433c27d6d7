// Progressive enhancement only: every page works without this file.
// Tells govuk-frontend's CSS that JavaScript runs, so content revealed by a choice can start hidden.
document.body.classList.add('js-enabled', 'govuk-frontend-supported');

// Skip link: move focus into the main content (without JavaScript the browser only scrolls there,
// and the next Tab still starts from it). tabindex is removed again so a click in the text does not outline it.
for (const link of document.querySelectorAll('.govuk-skip-link')) {
  link.addEventListener('click', () => {
    const target = document.getElementById((link.getAttribute('href') ?? '').slice(1));
    if (!target) return;
    target.setAttribute('tabindex', '-1');
    target.classList.add('govuk-skip-link-focused-element');
    target.addEventListener('blur', () => {
      target.removeAttribute('tabindex');
      target.classList.remove('govuk-skip-link-focused-element');
    }, { once: true });
    target.focus();
  });
}

// Focus the error summary (browsers that ignore `autofocus` on a non-input element).
const summary = document.querySelector('.govuk-error-summary');
if (summary && document.activeElement !== summary) summary.focus();

// A success message after an action (the flash banner, role="alert"): screen readers do not announce an alert that is
// already on the page when it loads, so focus it, as govuk-frontend's NotificationBanner does. Errors come first.
const banner = document.querySelector('.govuk-notification-banner[role="alert"]');
if (banner && !summary) {
  banner.setAttribute('tabindex', '-1');
  banner.addEventListener('blur', () => banner.removeAttribute('tabindex'), { once: true });
  banner.focus();
}

// A page whose answer is a region of it (a status check's result) moves the focus there, so it is read out first.
const answer = document.querySelector('[data-focus-on-load]');
if (answer && !summary && !banner) answer.focus();

// Stop a second click on a submit button from sending the form twice while the first is in flight.
for (const form of document.querySelectorAll('form')) {
  form.addEventListener('submit', (event) => {
    if (form.dataset.submitted === 'true') event.preventDefault();
    else form.dataset.submitted = 'true';
    setTimeout(() => { form.dataset.submitted = 'false'; }, 4000);
  });
}

// A long edit (the service editor's definition) is not lost by following a link or the back button before saving:
// inside [data-pd-unsaved-warning], a changed form asks the browser to confirm leaving, unless it is being submitted.
for (const area of document.querySelectorAll('[data-pd-unsaved-warning]')) {
  let changed = false;
  area.addEventListener('input', () => { changed = true; });
  for (const form of area.querySelectorAll('form')) form.addEventListener('submit', () => { changed = false; });
  window.addEventListener('beforeunload', (event) => {
    if (changed) event.preventDefault();
  });
}

// Conditional reveal of radios and checkboxes (govuk-frontend behaviour): show what the chosen option controls.
// No aria-expanded: it is not allowed on radio and checkbox roles (axe aria-allowed-attr).
for (const group of document.querySelectorAll('[data-module="govuk-radios"], [data-module="govuk-checkboxes"]')) {
  const kind = group.dataset.module === 'govuk-radios' ? 'radios' : 'checkboxes';
  const inputs = [...group.querySelectorAll('input[data-aria-controls]')];
  if (inputs.length === 0) continue;
  const sync = () => {
    for (const input of inputs) {
      const target = document.getElementById(input.dataset.ariaControls);
      if (!target) continue;
      input.setAttribute('aria-controls', target.id);
      target.classList.toggle(`govuk-${kind}__conditional--hidden`, !input.checked);
    }
  };
  // A radio in another group with the same name unchecks ours without a change event here.
  document.addEventListener('change', sync);
  sync();
}

// Character count: says how many characters are left, politely announced after typing stops.
for (const wrapper of document.querySelectorAll('[data-module="govuk-character-count"]')) {
  const textarea = wrapper.querySelector('.govuk-js-character-count');
  const message = wrapper.querySelector('.govuk-character-count__message');
  const max = Number(wrapper.dataset.maxlength);
  if (!textarea || !message || !max) continue;
  const live = document.createElement('div');
  live.className = 'govuk-character-count__sr-status govuk-visually-hidden';
  live.setAttribute('aria-live', 'polite');
  message.after(live);
  let timer;
  const update = () => {
    const left = max - textarea.value.length;
    const text = (left >= 0 ? wrapper.dataset.textRemaining : wrapper.dataset.textOver).replace('{n}', String(Math.abs(left)));
    message.textContent = text;
    message.classList.toggle('govuk-error-message', left < 0);
    message.classList.toggle('govuk-hint', left >= 0);
    textarea.classList.toggle('govuk-textarea--error', left < 0);
    clearTimeout(timer);
    timer = setTimeout(() => { live.textContent = text; }, 1000);
  };
  textarea.addEventListener('input', update);
  if (textarea.value.length > 0) update();
}

// Live updates: a case page follows the case while it is open (server-sent events; the page works without them).
// The stream only says that something changed; the page is read again and its read-only parts ([data-live-region])
// are replaced. Forms are never replaced under someone typing: when the fresh page offers other forms, a notice
// asks for a reload instead. A screen reader hears one polite sentence.
const livePage = document.querySelector('[data-live-events]');
if (livePage && 'EventSource' in window && 'DOMParser' in window) {
  const status = livePage.querySelector('[data-live-status]');
  const notice = livePage.querySelector('[data-live-notice]');
  const formsOf = (root) => [...root.querySelectorAll('main form')]
    .map((f) => `${f.getAttribute('action')}:${[...f.elements].map((e) => e.name).filter((n) => n && n !== '_csrf' && n !== 'transactionId').join(',')}`)
    .join('|');
  const forms = formsOf(document);
  const source = new EventSource(livePage.dataset.liveEvents);
  let busy = false;
  let again = false;
  const refresh = async () => {
    if (busy) { again = true; return; }
    busy = true;
    try {
      const res = await fetch(location.pathname + location.search, { credentials: 'same-origin', headers: { accept: 'text/html' } });
      // Signed out or timed out meanwhile: stop listening; the next click shows the sign-in page.
      if (!res.ok || res.redirected) { source.close(); return; }
      const fresh = new DOMParser().parseFromString(await res.text(), 'text/html');
      let changed = false;
      for (const region of document.querySelectorAll('[data-live-region]')) {
        const next = fresh.querySelector(`[data-live-region="${region.dataset.liveRegion}"]`);
        if (next && next.innerHTML !== region.innerHTML) { region.innerHTML = next.innerHTML; changed = true; }
      }
      if (notice && notice.hidden && formsOf(fresh) !== forms) { notice.hidden = false; changed = true; }
      if (changed && status) {
        status.textContent = '';
        setTimeout(() => { status.textContent = livePage.dataset.liveAnnounce; }, 100);
      }
    } catch {
      // The network failed: the next change or a reload brings the page up to date.
    } finally {
      busy = false;
      if (again) { again = false; refresh(); }
    }
  };
  // A list that would shift under the cursor only says it has news; the person reloads when ready.
  const announce = () => {
    if (notice) notice.hidden = false;
    if (status) {
      status.textContent = '';
      setTimeout(() => { status.textContent = livePage.dataset.liveAnnounce; }, 100);
    }
  };
  source.addEventListener('changed', livePage.dataset.liveMode === 'notice' ? announce : refresh);
  // A stream ends every few minutes and the browser opens the next one: whatever changed in between is read then.
  let opened = false;
  source.addEventListener('open', () => { if (opened && livePage.dataset.liveMode !== 'notice') refresh(); opened = true; });
}

// The optional map of location questions (submission/location-map.tsx): its code is loaded only where there is one.
if (document.querySelector('[data-pd-map]')) import('/assets/location-map.js');

// What applies only after a given answer ([data-pd-show-if], the counter's one-page form of a service) is hidden until
// that answer is chosen, as the online form's pages are skipped: the same test as conditionHolds (form-definition.ts).
for (const form of document.querySelectorAll('form:has([data-pd-show-if])')) {
  const answerOf = (name, cond) => {
    const inputs = [...form.elements].filter((el) => el.name === name);
    if (inputs.length === 0) return undefined;
    if (inputs[0].type === 'radio') return inputs.find((el) => el.checked)?.value;
    if (inputs[0].type === 'checkbox') return typeof cond.equals === 'boolean' ? inputs.some((el) => el.checked) : inputs.filter((el) => el.checked).map((el) => el.value);
    return inputs[0].value;
  };
  const holds = (cond) => {
    const a = answerOf(cond.question, cond);
    if (cond.equals !== undefined) return Array.isArray(a) ? typeof cond.equals === 'string' && a.includes(cond.equals) : a === cond.equals;
    if (cond.in) return Array.isArray(a) ? a.some((x) => cond.in.includes(String(x))) : a !== undefined && cond.in.includes(String(a));
    return true;
  };
  const update = () => {
    for (const el of form.querySelectorAll('[data-pd-show-if]')) {
      try {
        el.hidden = !holds(JSON.parse(el.dataset.pdShowIf));
      } catch {
        el.hidden = false;
      }
    }
  };
  form.addEventListener('change', update);
  update();
}

// A long form inside [data-pd-keep-typed] is not lost when the session ends before it is sent (the clerk was called
// away, the counter's queue was long): what is typed is kept in this tab; a form sent and then shown again, empty,
// after signing in (only the sign-in pages in between) is filled in again and says so. Any other page forgets it, so
// a registered document's data is never offered for the next one. Files cannot be kept: the notice asks for them.
try {
  const store = window.sessionStorage;
  const TYPED = 'pd-typed';
  const PENDING = 'pd-typed-pending';
  const here = location.pathname;
  const area = document.querySelector('[data-pd-keep-typed]');
  const form = area?.querySelector('form');
  if (!form) {
    if (!here.startsWith('/autentificare')) {
      store.removeItem(TYPED);
      store.removeItem(PENDING);
    }
  } else {
    const choice = (el) => el.type === 'radio' || el.type === 'checkbox';
    const fields = () => [...form.elements].filter((el) => el.name && el.name !== '_csrf' && !['file', 'hidden', 'password', 'submit', 'button'].includes(el.type));
    const save = () => {
      const values = {};
      for (const el of fields()) {
        if (!choice(el)) values[el.name] = el.value;
        else if (el.checked) values[el.name] = [...(values[el.name] ?? []), el.value];
      }
      store.setItem(TYPED, JSON.stringify({ path: here, values }));
    };
    const saved = JSON.parse(store.getItem(TYPED) ?? 'null');
    const sentAndLost = store.getItem(PENDING) === here && saved?.path === here && !document.querySelector('.govuk-error-summary');
    store.removeItem(PENDING);
    if (sentAndLost) {
      for (const el of fields()) {
        if (!(el.name in saved.values)) continue;
        const value = saved.values[el.name];
        if (choice(el)) el.checked = Array.isArray(value) && value.includes(el.value);
        else el.value = value;
        el.dispatchEvent(new Event(choice(el) || el.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
        // What was typed under a closed "Alte date (opțional)" is shown, as the server opens it for what it sends back.
        const changed = choice(el) ? el.checked !== el.defaultChecked : el.tagName === 'SELECT' ? !el.options[el.selectedIndex]?.defaultSelected : el.value !== el.defaultValue;
        const details = el.closest('details');
        if (changed && details) details.open = true;
      }
      const notice = area.querySelector('[data-pd-typed-restored]');
      notice.hidden = false;
      if (!summary) notice.focus();
    } else {
      store.removeItem(TYPED);
    }
    form.addEventListener('input', save);
    form.addEventListener('change', save);
    form.addEventListener('submit', () => {
      save();
      store.setItem(PENDING, here);
    });
  }
} catch {
  // No sessionStorage (disabled, private mode): the form works as without JavaScript.
}
