import { NotificationBanner } from './components.tsx';

/** What a live page says: after an update (to screen readers), and in the notice that asks for a reload. */
export type LiveTexts = { announce: string; noticeTitle: string; notice: string; reload: string };

/**
 * Where a page follows its records while it is open (app.js, "Live updates"): the address of its event stream, a
 * status line read out by screen readers after an update, and a notice asking for a reload. `regions`: the page reads
 * itself again and replaces its read-only parts ([data-live-region]); the notice shows only when the forms it offers
 * changed (forms are never replaced under someone typing). `notice`: the page only says it has news (a list that
 * would shift under the cursor). Without JavaScript it shows nothing.
 */
export function LiveUpdates(props: { events: string; page: string; texts: LiveTexts; mode?: 'regions' | 'notice' }) {
  const { texts } = props;
  return (
    <div data-live-events={props.events} data-live-mode={props.mode ?? 'regions'} data-live-announce={texts.announce}>
      <div data-live-notice hidden>
        <NotificationBanner id="actualizare" title={texts.noticeTitle}>
          <p class="govuk-notification-banner__heading">
            {texts.notice}{' '}
            <a class="govuk-notification-banner__link" href={props.page}>
              {texts.reload}
            </a>
          </p>
        </NotificationBanner>
      </div>
      <div class="govuk-visually-hidden" role="status" data-live-status />
    </div>
  );
}
