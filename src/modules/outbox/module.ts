import type { AppDeps, AppModule } from '../../app.ts';
import { registerMessages } from '../../platform/i18n/i18n.ts';
import { DELIVER_JOB } from '../../platform/notify/create-notifier.ts';
import { createSmtpMailer } from '../../platform/notify/mailer.ts';
import { createSmsGateway } from '../../platform/notify/sms-gateway.ts';
import { deliverMessage, type Transports } from './deliver-message.ts';
import { DELIVERY_CONCURRENCY, MAX_DELIVERY_ATTEMPTS, RETRY_DELAY_MAX_SECONDS } from './domain/delivery-policy.ts';
import { outboxMessages } from './messages.ts';
import { registerOutboxPages } from './pages.tsx';
import { requeueStaleMessages } from './requeue-stale-messages.ts';
import { registerOutboxDevRoutes } from './routes.ts';

export const SWEEP_JOB = 'notify.sweep';

function createTransports(deps: AppDeps): Transports {
  const { mail, sms } = deps.config;
  if (mail.mode === 'smtp' && !mail.smtpUrl) throw new Error('mail mode smtp needs an SMTP URL (SMTP_URL)');
  if (deps.config.env === 'production' && mail.mode === 'outbox') {
    deps.log.warn('MAIL_MODE=outbox in production: e-mails are only recorded in the outbox and reach nobody (set MAIL_MODE=smtp and SMTP_URL)');
  }
  if (deps.config.env === 'production' && sms.mode === 'simulator') {
    deps.log.warn('SMS_MODE=simulator in production: SMS go to an in-process simulator and reach nobody');
  }
  return {
    mailer: mail.mode === 'smtp' && mail.smtpUrl ? createSmtpMailer({ smtpUrl: mail.smtpUrl, from: mail.from }) : null,
    sms: createSmsGateway(deps.config),
  };
}

/** The outbox: delivery of emails and SMS by jobs, and the pages to read what was sent. */
export const outboxModule: AppModule = {
  name: 'outbox',
  register(app, deps) {
    registerMessages('outbox', outboxMessages);
    registerOutboxPages(app, deps);
    registerOutboxDevRoutes(app, deps);
  },
  async registerJobs(deps) {
    // A worker process renders templates too (reminders) without registering pages: the signature must exist there.
    registerMessages('outbox', outboxMessages);
    const transports = createTransports(deps);
    await deps.jobs.work<{ id: string }>(
      DELIVER_JOB,
      async (data) => {
        await deliverMessage({ ...deps, transports }, data);
      },
      { retryLimit: MAX_DELIVERY_ATTEMPTS - 1, retryDelayMaxSeconds: RETRY_DELAY_MAX_SECONDS, concurrency: DELIVERY_CONCURRENCY },
    );
    await deps.jobs.work(SWEEP_JOB, async () => {
      await requeueStaleMessages(deps);
    });
    await deps.jobs.schedule(SWEEP_JOB, '* * * * *');
  },
};
