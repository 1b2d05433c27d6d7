import type { Config } from '../../config.ts';
import { DeliveryError } from './delivery-error.ts';
import { startSmsSimulator, type SmsSimulator } from './sms-simulator.ts';

/** Sends one SMS; `to` is normalised to E.164 before it leaves. */
export interface SmsGateway {
  send(message: { to: string; text: string; sender: string }): Promise<{ providerId: string }>;
}

/**
 * A Romanian number in any usual spelling (0722 123 456, 0040722123456, +40 722-123-456, 40722123456)
 * as E.164 (+40722123456); a number already in international form (+…) is kept. Null when not a number.
 */
export function normalisePhone(input: string): string | null {
  const compact = input.replace(/[\s().-]/g, '');
  let digits: string;
  if (/^\+\d{8,15}$/.test(compact)) digits = compact.slice(1);
  else if (/^00\d{8,15}$/.test(compact)) digits = compact.slice(2);
  else if (/^0\d{9}$/.test(compact)) digits = `40${compact.slice(1)}`;
  else if (/^40\d{9}$/.test(compact)) digits = compact;
  else return null;
  // Romanian numbers have nine digits after the country code (no trunk 0).
  if (digits.startsWith('40') && !/^40[2-9]\d{8}$/.test(digits)) return null;
  return `+${digits}`;
}

const TIMEOUT_MS = 10_000;

/**
 * Client of the SMS gateway protocol (documented in sms-simulator.ts):
 * POST {gatewayUrl}/messages, `Authorization: Bearer <token>`, JSON {to, text, sender} → 202 {id}.
 * 4xx is a permanent refusal (except 408 and 429, which ask to come back later); 5xx, timeouts and network
 * errors are transient, so the delivery job retries them.
 */
export function createHttpSmsGateway(options: { gatewayUrl: string; token?: string | null; timeoutMs?: number }): SmsGateway {
  const endpoint = `${options.gatewayUrl.replace(/\/$/, '')}/messages`;
  return {
    async send(message) {
      const to = normalisePhone(message.to);
      if (!to) throw new DeliveryError('sms: invalid phone number', true);
      let res: Response;
      try {
        res = await fetch(endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          },
          body: JSON.stringify({ to, text: message.text, sender: message.sender }),
          signal: AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS),
        });
      } catch (err) {
        throw new DeliveryError(`sms: gateway unreachable (${(err as Error).name}: ${(err as Error).message})`, false, { cause: err });
      }
      const body = await res.text().catch(() => '');
      if (res.status === 202 || res.status === 200 || res.status === 201) {
        let id: unknown;
        try {
          id = (JSON.parse(body) as { id?: unknown }).id;
        } catch {
          id = undefined;
        }
        if (typeof id !== 'string' && typeof id !== 'number') throw new DeliveryError('sms: gateway answered without an id', false);
        return { providerId: String(id) };
      }
      const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
      throw new DeliveryError(`sms: gateway answered ${res.status} ${body.slice(0, 200)}`.trim(), permanent);
    },
  };
}

let embedded: Promise<SmsSimulator> | null = null;

/**
 * The gateway chosen by configuration. `http` talks to the configured gateway; `simulator` (development)
 * starts the simulator in this process on a free local port the first time an SMS is sent, and talks to it
 * through the same HTTP client, so development exercises the real code path.
 */
export function createSmsGateway(config: Pick<Config, 'sms'>): SmsGateway {
  if (config.sms.mode === 'http') {
    if (!config.sms.gatewayUrl) throw new Error('SMS_MODE=http needs SMS_GATEWAY_URL');
    return createHttpSmsGateway({ gatewayUrl: config.sms.gatewayUrl, token: config.sms.token });
  }
  return {
    async send(message) {
      embedded ??= startSmsSimulator({ token: config.sms.token, unref: true });
      const simulator = await embedded;
      return createHttpSmsGateway({ gatewayUrl: simulator.url, token: config.sms.token }).send(message);
    },
  };
}

/** The in-process simulator behind `SMS_MODE=simulator`, once an SMS has been sent (null before). */
export async function embeddedSmsSimulator(): Promise<SmsSimulator | null> {
  return embedded ? embedded : null;
}
