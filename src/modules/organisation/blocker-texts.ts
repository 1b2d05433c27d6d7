import type { T } from '../../platform/i18n/i18n.ts';
import type { DepartmentBlockers } from './change-department.ts';

/** Each blocker in words (the reader's language), with the page where it is dealt with. */
export function blockerItems(t: T, b: DepartmentBlockers): { text: string; href: string; link: string }[] {
  const items: { text: string; href: string; link: string }[] = [];
  const chart = { href: '/admin/organizatie', link: t('organisation.department.blocker.go_chart') };
  const officials = { href: '/admin/functionari', link: t('organisation.department.blocker.go_officials') };
  const services = { href: '/admin/servicii', link: t('organisation.department.blocker.go_services') };
  const desk = { href: '/birou', link: t('organisation.department.blocker.go_desk') };
  if (b.children.length) items.push({ text: t('organisation.department.blocker.children', { names: b.children.join(', ') }), ...chart });
  if (b.officials) items.push({ text: t.plural('organisation.department.blocker.officials', b.officials), ...officials });
  if (b.invitations) items.push({ text: t.plural('organisation.department.blocker.invitations', b.invitations), ...officials });
  if (b.services.length) items.push({ text: t('organisation.department.blocker.services', { codes: b.services.join(', ') }), ...services });
  if (b.workflows.length) items.push({ text: t('organisation.department.blocker.workflows', { codes: b.workflows.join(', ') }), ...services });
  if (b.openCases) items.push({ text: t.plural('organisation.department.blocker.cases', b.openCases), ...desk });
  if (b.openDocuments) items.push({ text: t.plural('organisation.department.blocker.documents', b.openDocuments), ...desk });
  return items;
}
