import { registerTemplate } from '../../platform/notify/templates.ts';

export const TEMPLATES = {
  verifyEmail: 'identity.verify_email.v1',
  resetPassword: 'identity.reset_password.v1',
  passwordChanged: 'identity.password_changed.v1',
} as const;

export function registerIdentityTemplates(): void {
  registerTemplate(TEMPLATES.verifyEmail, {
    subjectKey: 'identity.mail.verify.subject',
    bodyKeys: ['identity.mail.greeting', 'identity.mail.verify.body', 'identity.mail.verify.expiry'],
    action: { labelKey: 'identity.mail.verify.action', urlParam: 'url' },
  });
  registerTemplate(TEMPLATES.resetPassword, {
    subjectKey: 'identity.mail.reset.subject',
    bodyKeys: ['identity.mail.greeting', 'identity.mail.reset.body', 'identity.mail.reset.expiry', 'identity.mail.reset.ignore'],
    action: { labelKey: 'identity.mail.reset.action', urlParam: 'url' },
  });
  registerTemplate(TEMPLATES.passwordChanged, {
    subjectKey: 'identity.mail.changed.subject',
    bodyKeys: ['identity.mail.greeting', 'identity.mail.changed.body', 'identity.mail.changed.not_you'],
  });
}
