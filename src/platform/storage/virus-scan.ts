import { connect } from 'node:net';
import type { Config } from '../../config.ts';

export type ScanResult = { clean: true } | { clean: false; signature: string };

/** Scans uploaded bytes before they are kept. */
export interface VirusScanner {
  scan(bytes: Uint8Array): Promise<ScanResult>;
}

const CHUNK = 64 * 1024;

/**
 * A clamd client speaking INSTREAM over TCP: `zINSTREAM\0`, then chunks each prefixed by their length as a
 * 4-byte big-endian integer, then a zero length; clamd answers `stream: OK` or `stream: <name> FOUND`.
 * Any other answer (an error, a size limit, a closed connection) throws: an unscanned file is never accepted.
 */
export function createClamdScanner(settings: { host: string; port: number; timeoutMs?: number }): VirusScanner {
  return {
    scan(bytes) {
      return new Promise<ScanResult>((resolve, reject) => {
        const socket = connect({ host: settings.host, port: settings.port });
        const chunks: Buffer[] = [];
        socket.setTimeout(settings.timeoutMs ?? 30_000, () => socket.destroy(new Error('clamd timed out')));
        socket.on('error', reject);
        socket.on('data', (d) => chunks.push(d));
        socket.on('close', () => {
          const answer = Buffer.concat(chunks).toString('utf8').replace(/\0/g, '').trim();
          if (answer.endsWith('OK') && !answer.includes('ERROR')) return resolve({ clean: true });
          const found = /^(?:stream: )?(.+) FOUND$/.exec(answer);
          if (found) return resolve({ clean: false, signature: found[1]! });
          reject(new Error(`clamd answered: ${answer || '(nothing)'}`));
        });
        socket.on('connect', () => {
          socket.write('zINSTREAM\0');
          for (let i = 0; i < bytes.length; i += CHUNK) {
            const part = bytes.subarray(i, i + CHUNK);
            const len = Buffer.alloc(4);
            len.writeUInt32BE(part.length);
            socket.write(len);
            socket.write(part);
          }
          socket.end(Buffer.alloc(4));
        });
      });
    },
  };
}

/** The configured scanner, or null when no clamd is configured (development, small offices). */
export function createVirusScanner(config: Partial<Pick<Config, 'clamd'>>): VirusScanner | null {
  return config.clamd ? createClamdScanner(config.clamd) : null;
}

/**
 * Whether uploaded bytes may be kept: null when clean or when no scanner is configured; `infected`; or `unavailable`
 * when the configured scanner could not answer — an unscanned file is never accepted. Every place that keeps a file
 * someone sent (an online attachment, a document completing a file, a scan or e-mail attachment registered by a
 * clerk, a company's mandate) asks this before storing it.
 */
export async function virusVerdict(
  deps: { config: Partial<Pick<Config, 'clamd'>>; log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void } },
  bytes: Uint8Array,
): Promise<null | 'infected' | 'unavailable'> {
  const scanner = createVirusScanner(deps.config);
  if (!scanner) return null;
  try {
    const result = await scanner.scan(bytes);
    if (result.clean) return null;
    deps.log.warn({ signature: result.signature }, 'infected upload refused');
    return 'infected';
  } catch (err) {
    deps.log.error({ err }, 'virus scan failed');
    return 'unavailable';
  }
}
