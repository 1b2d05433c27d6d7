// Progressive enhancement only: every page works without this file.
// Focus the error summary (browsers that ignore `autofocus` on a non-input element).
const summary = document.querySelector('.govuk-error-summary');
if (summary && document.activeElement !== summary) summary.focus();
// Stop a second click on a submit button from sending the form twice while the first is in flight.
for (const form of document.querySelectorAll('form')) {
  form.addEventListener('submit', (event) => {
    if (form.dataset.submitted === 'true') event.preventDefault();
    else form.dataset.submitted = 'true';
    setTimeout(() => { form.dataset.submitted = 'false'; }, 4000);
  });
}
