import { hasMessage, type T } from '../../platform/i18n/i18n.ts';

/**
 * An audit action in words for the access log. An area names its actions by defining `audit.action.<action>`
 * in its messages (e.g. `audit.action.case.viewed`); otherwise a generic sentence names the entity.
 */
export function describeAction(t: T, action: string, entity: string): string {
  if (hasMessage(`audit.action.${action}`, t.locale)) return t(`audit.action.${action}`);
  return action.endsWith('.viewed') ? t('privacy.access.viewed', { entity }) : t('privacy.access.changed', { entity, action });
}
