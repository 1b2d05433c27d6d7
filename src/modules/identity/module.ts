import { registerRepresentationPages } from './representation-pages.tsx';
import { registerConfirmIdentityPages } from './confirm-identity-pages.tsx';
import { registerUnsentFormPages } from './unsent-form-pages.tsx';
import { registerSessionTimeoutScript } from './session-timeout-script.ts';
import type { AppDeps, AppModule } from '../../app.ts';
import { registerMessages } from '../../platform/i18n/i18n.ts';
import type { BlobStore } from '../../platform/storage/blob-store.ts';
import { identityCache } from './identity-cache.ts';
import { identityMessages } from './messages.ts';
import { registerAccountPages } from './pages-account.tsx';
import { registerRegistrationPages } from './pages-registration.tsx';
import { registerSignInPages } from './pages-sign-in.tsx';
import { PASSWORD_RESET_JOB, type PasswordResetJob, sendPasswordResetLink } from './request-password-reset.ts';
import { RESEND_VERIFICATION_JOB, type ResendVerificationJob, sendVerificationLinkTo } from './resend-verification-email.ts';
import { registerIdentityRoutes } from './routes.ts';
import { registerIdentityTemplates } from './templates.ts';
import { MANDATE_EXPIRY_CRON, MANDATE_EXPIRY_JOB, notifyExpiringMandates } from './notify-expiring-mandates.ts';
import { bucharestDay } from '../../platform/calendar/calendar.ts';

export type IdentityDeps = AppDeps & { blobs: BlobStore };

/** Accounts, registration, sign-in, sessions, password reset and the citizen's own profile. */
export const identityModule: AppModule = {
  name: 'identity',
  register(app, deps) {
    registerMessages('identity', identityMessages);
    registerIdentityTemplates();
    // Start listening for account changes now, so the first signed-in requests can already be served from memory.
    identityCache(deps.database);
    // Inherit rather than copy: tests replace `deps.now`, and the module must see the new clock.
    const identityDeps: IdentityDeps = deps;
    registerRegistrationPages(app, identityDeps);
    registerSignInPages(app, identityDeps);
    registerAccountPages(app, identityDeps);
    registerIdentityRoutes(app, identityDeps);
    registerRepresentationPages(app, identityDeps);
    registerConfirmIdentityPages(app, identityDeps);
    registerUnsentFormPages(app, identityDeps);
    registerSessionTimeoutScript(app);
  },
  async registerJobs(deps) {
    await deps.jobs.work<PasswordResetJob>(PASSWORD_RESET_JOB, (job) => sendPasswordResetLink(deps, job));
    await deps.jobs.work<ResendVerificationJob>(RESEND_VERIFICATION_JOB, (job) => sendVerificationLinkTo(deps, job));
    await deps.jobs.work(MANDATE_EXPIRY_JOB, async () => {
      await notifyExpiringMandates(deps, { today: bucharestDay(deps.now()) });
    });
    await deps.jobs.schedule(MANDATE_EXPIRY_JOB, MANDATE_EXPIRY_CRON);
  },
};
