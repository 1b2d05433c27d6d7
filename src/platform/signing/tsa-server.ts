import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as asn1js from 'asn1js';
import { Accuracy, ContentInfo, PKIStatus, PKIStatusInfo, TimeStampReq, TimeStampResp, TSTInfo } from 'pkijs';
import { buildSignedData, encodeContentInfo, OID, parseDer, sha256, toArrayBuffer } from './cms.ts';
import { localCmsKey } from './local-pkcs12-signer.ts';
import type { TestIdentity } from './test-pki.ts';

/*
 * A local RFC 3161 time-stamping authority for tests and development: answers a TimeStampReq (SHA-256 imprint)
 * with a token signed by a certificate carrying the id-kp-timeStamping EKU, its nonce echoed, genTime now and a
 * signing-certificate-v2 attribute (RFC 5816). Anything else is rejected with status 2 (badAlg / badDataFormat).
 */

export type TsaServer = { url: string; readonly issued: number; stop(): Promise<void> };

// Under the 2.999 "example" arc: a policy no real TSA uses.
const TEST_POLICY = '2.999.3161.1';
const FAIL_BAD_ALG = 0;
const FAIL_BAD_DATA_FORMAT = 5;

function rejection(failBit: number): Uint8Array {
  const bits = new Uint8Array([0x80 >> failBit]);
  const status = new PKIStatusInfo({ status: PKIStatus.rejection, failInfo: new asn1js.BitString({ valueHex: bits.buffer, unusedBits: 7 - failBit }) });
  return new Uint8Array(new TimeStampResp({ status }).toSchema().toBER(false));
}

export async function startTsaServer(tsa: TestIdentity, options: { host?: string; clock?: () => Date } = {}): Promise<TsaServer> {
  const key = localCmsKey(tsa.privateKey, [tsa.certificate, ...tsa.chain]);
  let serial = 1;
  let issued = 0;

  async function answer(body: Uint8Array): Promise<Uint8Array> {
    let request: TimeStampReq;
    try {
      request = new TimeStampReq({ schema: parseDer(body) });
    } catch {
      return rejection(FAIL_BAD_DATA_FORMAT);
    }
    if (request.messageImprint.hashAlgorithm.algorithmId !== OID.sha256) return rejection(FAIL_BAD_ALG);
    if (request.messageImprint.hashedMessage.valueBlock.valueHexView.byteLength !== 32) return rejection(FAIL_BAD_DATA_FORMAT);
    const info = new TSTInfo({
      version: 1,
      policy: request.reqPolicy ?? TEST_POLICY,
      messageImprint: request.messageImprint,
      serialNumber: new asn1js.Integer({ valueHex: toArrayBuffer(Uint8Array.from([0x01, ...randomBytes(4), (serial++) & 0xff])) }),
      genTime: options.clock?.() ?? new Date(),
      accuracy: new Accuracy({ seconds: 1 }),
      ...(request.nonce ? { nonce: request.nonce } : {}),
    });
    const tstInfo = new Uint8Array(info.toSchema().toBER(false));
    const { signedData } = await buildSignedData({
      key,
      contentDigest: sha256(tstInfo),
      eContentType: OID.tstInfo,
      eContent: tstInfo,
      includeCertificates: request.certReq ?? false,
    });
    issued++;
    const token = new ContentInfo({ schema: parseDer(encodeContentInfo(signedData)) });
    const reply = new TimeStampResp({ status: new PKIStatusInfo({ status: PKIStatus.granted }), timeStampToken: token });
    return new Uint8Array(reply.toSchema().toBER(false));
  }

  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > 64 * 1024) return null;
      chunks.push(chunk as Buffer);
    }
    return new Uint8Array(Buffer.concat(chunks));
  };

  const server = createServer(async (req, res) => {
    if (req.method !== 'POST' || req.headers['content-type'] !== 'application/timestamp-query') {
      res.writeHead(415).end();
      return;
    }
    const body = await readBody(req);
    if (!body) {
      res.writeHead(413).end();
      return;
    }
    const reply = await answer(body);
    res.writeHead(200, { 'content-type': 'application/timestamp-reply', 'content-length': reply.length });
    res.end(reply);
  });
  await new Promise<void>((resolve) => server.listen(0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}/tsa`,
    get issued() {
      return issued;
    },
    stop: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
