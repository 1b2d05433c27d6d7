import { formatDate } from '../../platform/i18n/format.ts';
import type { T } from '../../platform/i18n/i18n.ts';
import { Tag } from '../../platform/web/components.tsx';
import type { RefusalView } from '../cases/domain/refusal-term.ts';

const day = (iso: string) => formatDate(`${iso}T12:00:00Z`);

/**
 * The 5 days to refuse a public-information request (Legea 544/2001 art. 7(2)), beside its answer deadline: the last
 * day, and once it has passed that a refusal now is late; after a refusal (total, or of part of the information), when
 * it was given and whether in time.
 */
export function RefusalTerm(props: { t: T; refusal: RefusalView }) {
  const { t, refusal } = props;
  if (refusal.state === 'refused') {
    return (
      <>
        {t(`tracking.refusal.given${refusal.partial ? '_partial' : ''}${refusal.late ? '_late' : ''}`, { date: day(refusal.refusedOn ?? refusal.dueOn), due: day(refusal.dueOn) })}
        {refusal.late ? (
          <>
            {' '}
            <Tag colour="red">{t('tracking.refusal.late')}</Tag>
          </>
        ) : null}
      </>
    );
  }
  return (
    <>
      {day(refusal.dueOn)} <span class="govuk-body-s">({t(refusal.late ? 'tracking.refusal.passed' : 'tracking.refusal.hint')})</span>
      {refusal.late ? (
        <>
          {' '}
          <Tag colour="red">{t('tracking.overdue')}</Tag>
        </>
      ) : null}
    </>
  );
}
