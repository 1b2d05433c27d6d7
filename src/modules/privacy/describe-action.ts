import { hasMessage, type T } from '../../platform/i18n/i18n.ts';

/**
 * An audit action in words for the access log. Every action the platform records has words,
 * `audit.action.<action>` (platform/audit/action-messages.ts, or the area's own messages); an action without them
 * (an older record) is told as a read or a change of the data it touched, never by its code.
 */
export function describeAction(t: T, action: string, entity: string): string {
  if (hasMessage(`audit.action.${action}`, t.locale)) return t(`audit.action.${action}`);
  const kind = action.endsWith('.viewed') ? 'viewed' : 'changed';
  return hasMessage(`audit.entity.${entity}`, t.locale) ? t(`audit.other.${kind}_entity`, { entity: t(`audit.entity.${entity}`) }) : t(`audit.other.${kind}`);
}
