import { registerTemplate } from '../../platform/notify/templates.ts';

export const INVITATION_TEMPLATE = 'admin.invitation.v1';

export function registerAdminTemplates(): void {
  registerTemplate(INVITATION_TEMPLATE, {
    subjectKey: 'admin.mail.invitation.subject',
    bodyKeys: ['admin.mail.invitation.greeting', 'admin.mail.invitation.body', 'admin.mail.invitation.two_factor', 'admin.mail.invitation.expiry'],
    action: { labelKey: 'admin.mail.invitation.action', urlParam: 'url' },
  });
}
