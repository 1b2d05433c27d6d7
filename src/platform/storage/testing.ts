import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';

/*
 * Test doubles for the storage adapters. The S3 store is tested against this tiny S3-compatible simulator
 * (PUT/GET/HEAD object, SigV4 Authorization header required, aws-chunked bodies decoded, x-amz-checksum-sha256
 * checked): the npm S3 servers (s3rver, last release 3.7.1 in 2021) are unmaintained. The clamd client is
 * tested against a fake clamd that speaks INSTREAM and answers like the real daemon.
 */

export type S3Simulator = { url: string; objects: Map<string, Buffer<ArrayBufferLike>>; requests: { method: string; path: string; authorization: string }[]; close(): Promise<void> };

function decodeAwsChunked(body: Buffer): Buffer {
  const out: Buffer[] = [];
  let p = 0;
  for (;;) {
    const eol = body.indexOf('\r\n', p);
    if (eol < 0) break;
    const size = Number.parseInt(body.subarray(p, eol).toString('latin1').split(';')[0]!, 16);
    if (!size) break;
    out.push(body.subarray(eol + 2, eol + 2 + size));
    p = eol + 2 + size + 2;
  }
  return Buffer.concat(out);
}

export async function startS3Simulator(): Promise<S3Simulator> {
  const objects = new Map<string, Buffer<ArrayBufferLike>>();
  const requests: S3Simulator['requests'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const authorization = String(req.headers.authorization ?? '');
      requests.push({ method: req.method ?? '', path, authorization });
      const xml = (status: number, code: string) => {
        res.writeHead(status, { 'content-type': 'application/xml' });
        res.end(req.method === 'HEAD' ? undefined : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`);
      };
      if (!authorization.startsWith('AWS4-HMAC-SHA256 Credential=') || !req.headers['x-amz-date']) return xml(403, 'AccessDenied');
      if (req.method === 'PUT') {
        let body: Buffer = Buffer.concat(chunks);
        if (String(req.headers['content-encoding'] ?? '').includes('aws-chunked') || req.headers['x-amz-decoded-content-length']) body = decodeAwsChunked(body);
        const declared = req.headers['x-amz-checksum-sha256'];
        if (declared && createHash('sha256').update(body).digest('base64') !== declared) return xml(400, 'BadDigest');
        objects.set(path, body);
        res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` });
        return res.end();
      }
      const obj = objects.get(path);
      if (req.method === 'HEAD' || req.method === 'GET') {
        if (!obj) return xml(404, 'NoSuchKey');
        res.writeHead(200, { 'content-length': String(obj.length), 'content-type': 'application/octet-stream' });
        return res.end(req.method === 'GET' ? obj : undefined);
      }
      xml(405, 'MethodNotAllowed');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, objects, requests, close: () => new Promise((r) => server.close(() => r())) };
}

export const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';

/** A fake clamd: reads `zINSTREAM\0` and length-prefixed chunks up to a zero length, answers like clamd. */
export async function startFakeClamd(): Promise<{ port: number; scanned: number; close(): Promise<void> }> {
  const state = { scanned: 0 };
  const server: TcpServer = createTcpServer((socket) => {
    let buf = Buffer.alloc(0);
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      const cmd = 'zINSTREAM\0';
      if (buf.length < cmd.length) return;
      if (buf.subarray(0, cmd.length).toString() !== cmd) return socket.end('UNKNOWN COMMAND\0');
      let p = cmd.length;
      const data: Buffer[] = [];
      while (p + 4 <= buf.length) {
        const n = buf.readUInt32BE(p);
        if (n === 0) {
          state.scanned++;
          const infected = Buffer.concat(data).includes(EICAR);
          return socket.end(infected ? 'stream: Eicar-Signature FOUND\0' : 'stream: OK\0');
        }
        if (p + 4 + n > buf.length) return;
        data.push(buf.subarray(p + 4, p + 4 + n));
        p += 4 + n;
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    get scanned() {
      return state.scanned;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

