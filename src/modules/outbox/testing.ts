import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/*
 * Test helpers of the outbox: a real SMTP server whose replies a test scripts per recipient, a MIME reader
 * good enough to check what arrived, and a poll with a timeout (jobs run on pg-boss's one-second polling).
 */

export type ReceivedMail = { from: string; to: string[]; raw: string };

export type TestSmtpServer = {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** SMTP connections opened to the server so far. */
  connections(): number;
  /** RCPT TO attempts per recipient (accepted or refused). */
  rcptAttempts: Map<string, number>;
  /** The next replies to RCPT TO for this recipient, e.g. [451] then accept; a code ≥ 400 refuses. */
  script(recipient: string, codes: number[]): void;
  /** RCPT TO for this recipient gets no answer (a server that hangs) until the returned function accepts it. */
  hang(recipient: string): () => void;
  stop(): Promise<void>;
};

export async function startTestSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const scripts = new Map<string, number[]>();
  const rcptAttempts = new Map<string, number>();
  const hanging = new Map<string, (() => void)[]>();
  let connections = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onRcptTo(address, _session, callback) {
      const to = address.address.toLowerCase();
      rcptAttempts.set(to, (rcptAttempts.get(to) ?? 0) + 1);
      const held = hanging.get(to);
      if (held) return void held.push(() => callback());
      const code = scripts.get(to)?.shift();
      if (code && code >= 400) {
        const err = new Error(code >= 500 ? 'Mailbox unavailable' : 'Try again later') as Error & { responseCode: number };
        err.responseCode = code;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  const port = await new Promise<number>((resolve) => {
    const s = server.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port));
  });
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    connections: () => connections,
    rcptAttempts,
    script(recipient, codes) {
      scripts.set(recipient.toLowerCase(), [...codes]);
    },
    hang(recipient) {
      const to = recipient.toLowerCase();
      hanging.set(to, []);
      return () => {
        const held = hanging.get(to) ?? [];
        hanging.delete(to);
        for (const answer of held) answer();
      };
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, options: { timeoutMs?: number; what?: string } = {}): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${options.what ?? 'a condition'}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Headers (unfolded, names lower-case, encoded words decoded) and the decoded text/plain and text/html parts. */
export function readMime(raw: string): { headers: Record<string, string>; text: string; html: string } {
  const { headers, body } = splitPart(raw);
  const parts: Record<string, string> = {};
  collectParts(headers, body, parts);
  return { headers, text: parts['text/plain'] ?? '', html: parts['text/html'] ?? '' };
}

function splitPart(raw: string): { headers: Record<string, string>; body: string } {
  const at = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, at).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  return { headers, body: raw.slice(at + 4) };
}

function collectParts(headers: Record<string, string>, body: string, out: Record<string, string>) {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.startsWith('multipart/') && boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const part = splitPart(chunk.replace(/^\r\n/, ''));
      collectParts(part.headers, part.body, out);
    }
    return;
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? quotedPrintable(body)
        : Buffer.from(body, 'utf8');
  out[type.split(';')[0]!.trim().toLowerCase()] = bytes.toString('utf8').replace(/\r\n/g, '\n').trim();
}

function quotedPrintable(s: string): Buffer {
  const text = s.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
  }
  return Buffer.from(bytes);
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : quotedPrintable(data.replace(/_/g, ' ')).toString('utf8'),
    );
}
