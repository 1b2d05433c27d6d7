// The session-timeout warning (WCAG 2.2.1 Timing Adjustable), loaded by app.js on signed-in pages only: the page's
// <body data-pd-session-idle-minutes> gives the idle timeout. Progressive enhancement: without it (no JavaScript, no
// <dialog>) the session ends as before, and a page sent afterwards is kept for the next sign-in (keep-unsent-form.ts).
//
// Shortly before the session would end, the server is asked when it really ends (GET /api/v1/auth/session, not
// counted as activity, so another tab's activity is seen); if it still ends soon, a modal dialog says so, with
// "Continuați sesiunea" (POST /api/v1/auth/session/keep-alive). Once it has ended, the dialog says so and what happens
// to what was typed. A screen reader hears the dialog when it opens and the time left only now and then, not every
// second. The words come from session-timeout-messages.ts: the server puts them in place of the line below.
const MESSAGES = /* messages */ {};

const WARN_S = 120;
/** resolve-actor.ts writes a request's activity only a minute after the last one written: the page may be that old. */
const TOUCH_THROTTLE_S = 60;
/** When the screen reader is told the time left again (seconds left), besides when the dialog opens. */
const ANNOUNCE_AT = [60, 20];

const idleMinutes = Number(document.body.dataset.pdSessionIdleMinutes);
const csrf = document.querySelector('input[name="_csrf"]')?.value;
const lang = document.documentElement.lang === 'en' ? 'en' : 'ro';
const words = MESSAGES[lang] ?? MESSAGES.ro ?? {};
const plurals = new Intl.PluralRules(lang);

const say = (key, params = {}) => (words[key] ?? key).replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
const plural = (key, count) => {
  const form = `${key}.${plurals.select(count)}`;
  return say(form in words ? form : `${key}.other`, { count });
};
/** "în 2 minute", "într-un minut", then seconds in steps of five: a countdown to read, not a clock ticking. */
const timeLeft = (seconds) => (seconds >= 60 ? plural('minutes', Math.round(seconds / 60)) : plural('seconds', Math.min(55, Math.max(5, Math.ceil(seconds / 5) * 5))));

if (idleMinutes > 0 && csrf && 'HTMLDialogElement' in window) {
  const loadedAt = Date.now();
  let deadline = loadedAt + (idleMinutes * 60 - TOUCH_THROTTLE_S) * 1000;
  let endsBy = 'inactivity';
  let timer;
  let ticker;
  let announced = new Set();
  let returnFocus = null;
  let absoluteDismissed = false;
  /** The session has ended and the person was told: nothing more to ask or say on this page. */
  let over = false;

  // The dialog, built once: a heading, the text (with the time left), the button, and a live region for the countdown.
  const dialog = document.createElement('dialog');
  dialog.className = 'pd-timeout-dialog';
  dialog.id = 'pd-session-timeout';
  dialog.setAttribute('role', 'alertdialog');
  dialog.setAttribute('aria-modal', 'true');
  dialog.setAttribute('aria-labelledby', 'pd-session-timeout-title');
  dialog.setAttribute('aria-describedby', 'pd-session-timeout-text');
  const title = document.createElement('h2');
  title.className = 'govuk-heading-m';
  title.id = 'pd-session-timeout-title';
  const text = document.createElement('p');
  text.className = 'govuk-body';
  text.id = 'pd-session-timeout-text';
  const extra = document.createElement('p');
  extra.className = 'govuk-body';
  extra.id = 'pd-session-timeout-more';
  extra.hidden = true;
  const error = document.createElement('p');
  error.className = 'govuk-error-message';
  error.setAttribute('role', 'alert');
  error.hidden = true;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'govuk-button govuk-!-margin-bottom-0';
  const live = document.createElement('p');
  live.className = 'govuk-visually-hidden';
  live.setAttribute('aria-live', 'polite');
  dialog.append(title, text, extra, error, button, live);
  document.body.append(dialog);
  // After the dialog closes: "Sesiunea continuă." said once, outside it.
  const status = document.createElement('p');
  status.className = 'govuk-visually-hidden';
  status.setAttribute('role', 'status');
  document.body.append(status);

  let mode = 'closed'; // 'warning' | 'absolute' | 'ended'
  const secondsLeft = () => Math.max(0, Math.round((deadline - Date.now()) / 1000));

  const render = () => {
    const s = secondsLeft();
    if (mode === 'warning') text.textContent = say('warning', { time: timeLeft(s) });
    if (mode === 'absolute') text.textContent = say('absolute', { time: timeLeft(s) });
  };

  const open = (next) => {
    mode = next;
    error.hidden = true;
    extra.hidden = mode !== 'ended';
    dialog.setAttribute('aria-describedby', mode === 'ended' ? 'pd-session-timeout-text pd-session-timeout-more' : 'pd-session-timeout-text');
    if (mode === 'ended') {
      over = true;
      clearTimeout(timer);
      title.textContent = say('ended_title');
      text.textContent = say(endsBy === 'absolute_limit' ? 'ended_absolute' : 'ended');
      extra.textContent = say('ended_kept');
      button.textContent = say('close');
    } else {
      title.textContent = say(mode === 'absolute' ? 'absolute_title' : 'warning_title');
      button.textContent = say(mode === 'absolute' ? 'close' : 'continue');
      render();
    }
    live.textContent = '';
    if (!dialog.open) {
      returnFocus = document.activeElement;
      dialog.showModal();
    }
    // The heading and the text are read with the dialog (aria-labelledby, aria-describedby) when focus moves in.
    button.focus();
  };

  const close = () => {
    mode = 'closed';
    clearInterval(ticker);
    if (dialog.open) dialog.close();
    if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
    returnFocus = null;
  };

  /** Keeps the text up to date while the dialog is open; the live region speaks only at ANNOUNCE_AT. */
  const tick = () => {
    const s = secondsLeft();
    if (s <= 0) {
      clearInterval(ticker);
      check();
      return;
    }
    render();
    // Once per mark passed (a timer late in a background tab may pass two at once: said once).
    const passed = ANNOUNCE_AT.filter((mark) => s <= mark && !announced.has(mark));
    if (passed.length > 0) {
      for (const mark of passed) announced.add(mark);
      live.textContent = text.textContent;
    }
  };

  const schedule = () => {
    clearTimeout(timer);
    // Browsers delay timers in background tabs and while asleep: the server is asked again when it fires.
    timer = setTimeout(check, Math.max(0, deadline - Date.now() - (WARN_S + 5) * 1000));
  };

  /** Takes the server's answer: when the session ends, counted from now on this device's clock. */
  const adopt = (answer) => {
    deadline = Date.now() + answer.secondsLeft * 1000;
    endsBy = answer.endsBy;
  };

  const warnOrWait = () => {
    const s = secondsLeft();
    if (s <= 0) {
      open('ended');
      return;
    }
    if (s > WARN_S + 5) {
      if (mode === 'warning' || mode === 'absolute') close();
      schedule();
      return;
    }
    const next = endsBy === 'absolute_limit' ? 'absolute' : 'warning';
    if (next === 'absolute' && absoluteDismissed) {
      // Read and closed: not shown again; the person is told when the session has ended.
      clearTimeout(timer);
      timer = setTimeout(check, s * 1000 + 1000);
      return;
    }
    if (mode !== next) {
      announced = new Set(ANNOUNCE_AT.filter((mark) => s <= mark));
      open(next);
    }
    clearInterval(ticker);
    ticker = setInterval(tick, 1000);
  };

  /** The server's answer about the session, or null once it has ended (401); throws when it cannot be had. */
  const ask = async (method, url) => {
    const res = await fetch(url, { method, credentials: 'same-origin', headers: { accept: 'application/json', 'x-csrf-token': csrf } });
    if (res.status === 401) return null;
    if (!res.ok) throw new Error(String(res.status));
    return res.json();
  };
  const ended = () => {
    deadline = Date.now();
    open('ended');
  };

  async function check() {
    if (over) return;
    try {
      const answer = await ask('GET', '/api/v1/auth/session');
      if (!answer) return ended();
      adopt(answer);
    } catch {
      // The network failed: the estimate from the page's load stands.
    }
    warnOrWait();
  }

  async function keepAlive() {
    try {
      const answer = await ask('POST', '/api/v1/auth/session/keep-alive');
      if (!answer) return ended();
      adopt(answer);
    } catch {
      error.textContent = say('failed');
      error.hidden = false;
      button.focus();
      return;
    }
    if (secondsLeft() > WARN_S + 5) {
      close();
      status.textContent = '';
      setTimeout(() => { status.textContent = say('continued'); }, 100);
      schedule();
    } else {
      // The absolute limit is what ends it now: extending gained nothing.
      warnOrWait();
    }
  }

  button.addEventListener('click', () => {
    if (mode === 'warning') {
      keepAlive();
      return;
    }
    const wasAbsolute = mode === 'absolute';
    close();
    if (wasAbsolute) {
      absoluteDismissed = true;
      warnOrWait();
    }
  });
  // Escape: in the warning, as "Continuați sesiunea" (the person is here); otherwise it closes the message.
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    button.click();
  });
  // A tab in the background may have its timers held back by a minute or more: coming back to it, ask at once.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') check();
  });
  schedule();
}
