import type { ComponentChildren } from 'preact';
import type { MapConfig } from '../../config.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { FieldGroup, Textarea, TextInput } from '../../platform/web/components.tsx';

/**
 * The optional map of a location question: hidden markup that assets/location-map.js turns into a Leaflet map above
 * the coordinates (`<name>-lat`, `<name>-lng`). Without JavaScript, with MAP_TILE_URL=off or for someone who does not
 * use a pointer, the coordinates and the description are typed as before; the map only fills them in.
 */
export function LocationMap(props: {
  t: T;
  name: string;
  map: MapConfig | null | undefined;
  /** "Use my location": false where the browser's position is not the place's (a clerk's desk at the counter). */
  locate?: boolean;
}) {
  const { t, name, map } = props;
  if (!map) return null;
  const locate = props.locate !== false;
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
      data-located={locate ? t('submission.location.map.located') : undefined}
      data-placed={t('submission.location.map.placed')}
      data-locate-failed={locate ? t('submission.location.map.locate_failed') : undefined}
      data-zoom-in={t('submission.location.map.zoom_in')}
      data-zoom-out={t('submission.location.map.zoom_out')}
    >
      <p class="govuk-body-s" id={`${name}-map-note`}>
        {t('submission.location.map.note')}
      </p>
      <div class="pd-map__canvas" id={`${name}-map`} role="group" aria-label={t('submission.location.map.label')} aria-describedby={`${name}-map-note`} />
      {locate ? (
        <button type="button" class="govuk-button govuk-button--secondary pd-map__locate" hidden>
          {t('submission.location.map.locate')}
        </button>
      ) : null}
      <p class="govuk-body-s pd-map__status" role="status" />
    </div>
  );
}

/**
 * A location question's inputs, online and at the counter: the optional map above the coordinates (`<name>-lat`,
 * `<name>-lng`) and the description, which catalog/domain/validate-answers.ts reads.
 */
export function LocationFields(props: {
  t: T;
  name: string;
  label: ComponentChildren;
  hint: ComponentChildren;
  error?: string;
  value: (field: 'lat' | 'lng' | 'description') => string;
  map: MapConfig | null | undefined;
  locate?: boolean;
}) {
  const { t, name } = props;
  return (
    <FieldGroup legend={props.label} hint={props.hint} error={props.error} id={name}>
      <LocationMap t={t} name={name} map={props.map} locate={props.locate} />
      <TextInput name={`${name}-lat`} label={t('submission.location.lat')} value={props.value('lat')} inputmode="decimal" width={10} />
      <TextInput name={`${name}-lng`} label={t('submission.location.lng')} value={props.value('lng')} inputmode="decimal" width={10} />
      <Textarea name={`${name}-description`} label={t('submission.location.description')} value={props.value('description')} rows={3} />
    </FieldGroup>
  );
}
