import type { MapConfig } from '../../config.ts';
import type { T } from '../../platform/i18n/i18n.ts';

/**
 * The optional map of a location question: hidden markup that assets/location-map.js turns into a Leaflet map above
 * the coordinates (`<name>-lat`, `<name>-lng`). Without JavaScript, with MAP_TILE_URL=off or for someone who does not
 * use a pointer, the coordinates and the description are typed as before; the map only fills them in.
 */
export function LocationMap(props: { t: T; name: string; map: MapConfig | null | undefined }) {
  const { t, name, map } = props;
  if (!map) return null;
  return (
    <div
      class="pd-map"
      hidden
      data-pd-map={name}
      data-tile-url={map.tileUrl}
      data-center={`${map.center.lat},${map.center.lng},${map.center.zoom}`}
      data-attribution={map.attribution}
      data-attribution-url={map.attributionUrl ?? undefined}
      data-decimal={t.locale === 'ro' ? ',' : '.'}
      data-pin-alt={t('submission.location.map.pin')}
      data-located={t('submission.location.map.located')}
      data-placed={t('submission.location.map.placed')}
      data-locate-failed={t('submission.location.map.locate_failed')}
      data-zoom-in={t('submission.location.map.zoom_in')}
      data-zoom-out={t('submission.location.map.zoom_out')}
    >
      <p class="govuk-body-s" id={`${name}-map-note`}>
        {t('submission.location.map.note')}
      </p>
      <div class="pd-map__canvas" id={`${name}-map`} role="group" aria-label={t('submission.location.map.label')} aria-describedby={`${name}-map-note`} />
      <button type="button" class="govuk-button govuk-button--secondary pd-map__locate" hidden>
        {t('submission.location.map.locate')}
      </button>
      <p class="govuk-body-s pd-map__status" role="status" />
    </div>
  );
}
