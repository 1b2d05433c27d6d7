import type { T } from '../../platform/i18n/i18n.ts';
import { InsetText } from '../../platform/web/components.tsx';
import type { KeptScan } from './kept-scans.ts';

/** The scans kept across a form that came back with errors: listed for the clerk, carried by a signed hidden field. */
export function KeptScansNote(props: { t: T; name: string; token: string; kept: KeptScan[] }) {
  if (props.kept.length === 0) return null;
  return (
    <InsetText>
      <input type="hidden" name={props.name} value={props.token} />
      {props.t('registry.form.kept_scans')}
      <ul class="govuk-list govuk-list--bullet">
        {props.kept.map((k) => (
          <li key={k.sha256}>
            {k.filename} ({Math.max(1, Math.round(k.sizeBytes / 1024))} KB)
          </li>
        ))}
      </ul>
    </InsetText>
  );
}
