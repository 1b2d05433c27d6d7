import { registerTemplate } from '../../platform/notify/templates.ts';

export const TEMPLATES = {
  verifyEmail: 'identity.verify_email.v1',
  resetPassword: 'identity.reset_password.v1',
  passwordChanged: 'identity.password_changed.v1',
  /** To the owner of an address someone tried to register again. */
  accountExists: 'identity.account_exists.v1',
  /** To an account that only declared a CNP another account now declares too. */
  cnpDeclared: 'identity.cnp_declared.v1',
  /** To the account holding a CNP confirmed that another account now declares. */
  cnpDeclaredConfirmed: 'identity.cnp_declared_confirmed.v1',
  /** To a company's representative: the mandate was checked and accepted, or refused with a reason. */
  representationApproved: 'identity.representation_approved.v1',
  representationRejected: 'identity.representation_rejected.v1',
  /** Approved with the end date the document sets. */
  representationApprovedUntil: 'identity.representation_approved_until.v1',
  /** To a representative whose mandate ends soon, and to the company's other representatives. */
  mandateExpiring: 'identity.mandate_expiring.v1',
  mandateExpiringOther: 'identity.mandate_expiring_other.v1',
  /** A mandate ended before its date: revoked by the registry, or given up by its representative; and to the company's other representatives. */
  representationRevoked: 'identity.representation_revoked.v1',
  representationRenounced: 'identity.representation_renounced.v1',
  representationEndedOther: 'identity.representation_ended_other.v1',
} as const;

export function registerIdentityTemplates(): void {
  registerTemplate(TEMPLATES.representationRevoked, {
    subjectKey: 'identity.mail.representation_revoked.subject',
    bodyKeys: ['identity.mail.greeting', 'identity.mail.representation_revoked.body', 'identity.mail.representation_ended.effect'],
    action: { labelKey: 'identity.mail.representation.action', urlParam: 'url' },
  });
  registerTemplate(TEMPLATES.representationRenounced, {
    subjectKey: 'identity.mail.representation_renounced.subject',
    bodyKeys: ['identity.mail.greeting', 'identity.mail.representation_renounced.body', 'identity.mail.representation_ended.effect'],
    action: { labelKey: 'identity.mail.representation.action', urlParam: 'url' },
  });
  registerTemplate(TEMPLATES.representationEndedOther, {
    subjectKey: 'identity.mail.representation_ended_other.subject',
    bodyKeys: ['identity.mail.greeting', 'identity.mail.representation_ended_other.body'],
    action: { labelKey: 'identity.mail.representation.action', urlParam: 'url' },
  });
  registerTemplate(TEMPLATES.mandateExpiring, {
    subjectKey: 'identity.mail.mandate_expiring.subject',
    bodyKeys: ['identity.mail.greeting', 'identity.mail.mandate_expiring.body', 'identity.mail.mandate_expiring.next'],
    action: { labelKey: 'identity.mail.representation.action', urlParam: 'url' },
  });
  registerTemplate(TEMPLATES.mandateExpiringOther, {
    subjectKey: 'identity.mail.mandate_expiring.subject',
    bodyKeys: ['identity.mail.greeting', 'identity.mail.mandate_expiring_other.body', 'identity.mail.mandate_expiring_other.why'],
    action: { labelKey: 'identity.mail.representation.action', urlParam: 'url' },
  });
  registerTemplate(TEMPLATES.representationApproved, {
    subjectKey: 'identity.mail.representation_approved.subject',
    bodyKeys: ['identity.mail.greeting', 'identity.mail.representation_approved.body'],
    action: { labelKey: 'identity.mail.representation.action', urlParam: 'url' },
  });
  registerTemplate(TEMPLATES.representationApprovedUntil, {
    subjectKey: 'identity.mail.representation_approved.subject',
    bodyKeys: ['identity.mail.greeting', 'identity.mail.representation_approved.body', 'identity.mail.representation_approved.until'],
    action: { labelKey: 'identity.mail.representation.action', urlParam: 'url' },
  });
  registerTemplate(TEMPLATES.representationRejected, {
    subjectKey: 'identity.mail.representation_rejected.subject',
    bodyKeys: ['identity.mail.greeting', 'identity.mail.representation_rejected.body', 'identity.mail.representation_rejected.again'],
    action: { labelKey: 'identity.mail.representation.action', urlParam: 'url' },
  });
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
  registerTemplate(TEMPLATES.accountExists, {
    subjectKey: 'identity.mail.exists.subject',
    bodyKeys: ['identity.mail.greeting', 'identity.mail.exists.body', 'identity.mail.forgot_password', 'identity.mail.exists.not_you'],
    action: { labelKey: 'identity.mail.sign_in_action', urlParam: 'signInUrl' },
  });
  registerTemplate(TEMPLATES.cnpDeclared, {
    subjectKey: 'identity.mail.cnp_declared.subject',
    bodyKeys: ['identity.mail.greeting', 'identity.mail.cnp_declared.body', 'identity.mail.cnp_declared.confirm', 'identity.mail.cnp_declared.not_you'],
    action: { labelKey: 'identity.mail.cnp_declared.action', urlParam: 'signInUrl' },
  });
  registerTemplate(TEMPLATES.cnpDeclaredConfirmed, {
    subjectKey: 'identity.mail.cnp_declared.subject',
    bodyKeys: ['identity.mail.greeting', 'identity.mail.cnp_declared.body', 'identity.mail.cnp_declared.confirmed', 'identity.mail.cnp_declared.not_you'],
  });
}
