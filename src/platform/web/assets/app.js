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

// A file larger than the server takes ([data-pd-max-bytes], the limit the hint states) is refused here, before it is
// sent: a phone photo of 20 MB would otherwise take minutes on a slow line only to be refused. The error is shown as
// the server shows it (error summary with focus, message above the field, "Eroare:" in the title); nothing is sent.
// Registered before the other submit listeners, which must not see a form that is not sent.
const fileSize = (bytes) => {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const n = new Intl.NumberFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'ro-RO', { maximumFractionDigits: 1 }).format(bytes / 1048576);
  return `${n} MB`;
};
const tooLargeIn = (form) => [...form.querySelectorAll('input[type=file][data-pd-max-bytes]')]
  .map((input) => {
    const big = [...(input.files ?? [])].find((f) => f.size > Number(input.dataset.pdMaxBytes));
    return big ? { input, message: input.dataset.pdTooLarge.replace('{name}', big.name).replace('{size}', fileSize(big.size)) } : null;
  })
  .filter(Boolean);
const showFileErrors = (form, problems) => {
  const first = problems[0].input;
  let box = document.querySelector('.govuk-error-summary');
  if (!box) {
    box = document.createElement('div');
    box.className = 'govuk-error-summary';
    box.setAttribute('tabindex', '-1');
    const alert = document.createElement('div');
    alert.setAttribute('role', 'alert');
    const title = document.createElement('h2');
    title.className = 'govuk-error-summary__title';
    title.textContent = first.dataset.pdErrorTitle;
    const body = document.createElement('div');
    body.className = 'govuk-error-summary__body';
    const list = document.createElement('ul');
    list.className = 'govuk-list govuk-error-summary__list';
    body.append(list);
    alert.append(title, body);
    box.append(alert);
    const column = form.closest('.govuk-grid-column-two-thirds, main') ?? document.querySelector('main');
    column.prepend(box);
  }
  const list = box.querySelector('.govuk-error-summary__list');
  list.replaceChildren();
  for (const { input, message } of problems) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = `#${input.id}`;
    link.textContent = message;
    item.append(link);
    list.append(item);
    const errorId = `${input.id}-error`;
    let inline = document.getElementById(errorId);
    if (!inline) {
      inline = document.createElement('p');
      inline.id = errorId;
      inline.className = 'govuk-error-message';
      input.before(inline);
      input.setAttribute('aria-describedby', `${input.getAttribute('aria-describedby') ?? ''} ${errorId}`.trim());
    }
    const word = document.createElement('span');
    word.className = 'govuk-visually-hidden';
    word.textContent = `${input.dataset.pdErrorWord}:`;
    inline.replaceChildren(word, ` ${message}`);
    input.classList.add('govuk-file-upload--error');
    input.closest('.govuk-form-group')?.classList.add('govuk-form-group--error');
  }
  const prefix = `${first.dataset.pdErrorWord}:`;
  if (!document.title.startsWith(prefix)) document.title = `${prefix} ${document.title}`;
  box.focus();
};
// While files are on their way (minutes on a slow line), a status says so, announced once, next to the buttons.
const sendingFiles = (form) => [...form.querySelectorAll('input[type=file]')].some((input) => input.files?.length > 0);
for (const form of document.querySelectorAll('form[data-pd-sending]')) {
  const status = document.createElement('div');
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  status.dataset.pdSendingStatus = '';
  (form.querySelector('.govuk-button-group') ?? form.querySelector('button[type=submit], button:not([type])') ?? form.lastChild)?.before(status);
  form.addEventListener('submit', (event) => {
    const problems = tooLargeIn(form);
    if (problems.length > 0) {
      event.preventDefault();
      event.stopImmediatePropagation();
      showFileErrors(form, problems);
      return;
    }
    if (!sendingFiles(form) || form.dataset.submitted === 'true') return;
    status.className = 'govuk-inset-text';
    status.textContent = form.dataset.pdSending;
    status.scrollIntoView({ block: 'nearest' });
  });
}

// Stop a second click on a submit button from sending the form twice while the first is in flight. A form sending
// files stays locked for as long as its page is shown (a second click would start the upload again from nothing); a
// page brought back by the browser's back button, or a sending stopped by the browser, unlocks it.
for (const form of document.querySelectorAll('form')) {
  form.addEventListener('submit', (event) => {
    if (form.dataset.submitted === 'true') event.preventDefault();
    else form.dataset.submitted = 'true';
    if (form.dataset.pdSending !== undefined && sendingFiles(form)) return;
    setTimeout(() => { form.dataset.submitted = 'false'; }, 4000);
  });
}
const unlockForms = () => {
  for (const form of document.querySelectorAll('form[data-submitted="true"]')) form.dataset.submitted = 'false';
  for (const status of document.querySelectorAll('[data-pd-sending-status]')) {
    status.className = '';
    status.textContent = '';
  }
};
window.addEventListener('pageshow', (event) => { if (event.persisted) unlockForms(); });
if ('navigation' in window) window.navigation.addEventListener('navigateerror', unlockForms);

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

// A signed-in page warns before the session ends for inactivity and offers to continue it (identity's
// session-timeout.js, WCAG 2.2.1); the body carries the idle timeout only when someone is signed in.
if (document.body.dataset.pdSessionIdleMinutes) import('/assets/session-timeout.js');

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
// after signing in (only the sign-in pages in between, and the server's own "send the page again" page, whose link
// leads back to the form) is filled in again and says so. Any other page forgets it, so a registered document's data
// is never offered for the next one. Files cannot be kept: the notice asks for them.
try {
  const store = window.sessionStorage;
  const TYPED = 'pd-typed';
  const PENDING = 'pd-typed-pending';
  const here = location.pathname;
  const area = document.querySelector('[data-pd-keep-typed]');
  const form = area?.querySelector('form');
  if (!form) {
    if (!here.startsWith('/autentificare') && !here.startsWith('/cont/pagina-netrimisa/')) {
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
