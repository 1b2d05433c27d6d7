import nodemailer from 'nodemailer';
import { DeliveryError } from './delivery-error.ts';

export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  html: string | null;
  messageId?: string;
  attachments?: { filename: string; contentType: string; content: Uint8Array }[];
};

/** Sends one email; the provider id is the Message-ID the message went out with. */
export interface Mailer {
  send(mail: OutgoingEmail): Promise<{ providerId: string }>;
  close(): void;
}

/**
 * Email over SMTP with nodemailer. Timeouts are short enough that a stuck server fails the attempt (and the
 * job retries) rather than holding a worker; options given in the URL's query (`?ignoreTLS=true`) still apply.
 * Pooled: a burst reuses a few open connections (a new connection, greeting and EHLO per message cost about 100 ms).
 */
export function createSmtpMailer(options: { smtpUrl: string; from: string }): Mailer {
  const transport = nodemailer.createTransport(
    { url: options.smtpUrl, pool: true, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 },
    { from: options.from },
  );
  return {
    async send(mail) {
      try {
        const info = await transport.sendMail({
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          ...(mail.html ? { html: mail.html } : {}),
          ...(mail.messageId ? { messageId: mail.messageId } : {}),
          ...(mail.attachments?.length ? { attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) })) } : {}),
        });
        return { providerId: String(info.messageId) };
      } catch (err) {
        const e = err as { message?: string; permanent?: boolean; responseCode?: number; code?: string };
        // nodemailer marks SMTP 5yz replies (but 503) as permanent; connection errors and 4yz are worth retrying.
        const permanent = e.permanent === true && e.code !== 'EAUTH';
        throw new DeliveryError(`smtp: ${e.message ?? String(err)}`.slice(0, 500), permanent, { cause: err });
      }
    },
    close() {
      transport.close();
    },
  };
}
