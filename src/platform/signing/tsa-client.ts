import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AlgorithmIdentifier, MessageImprint, PKIStatus, TimeStampReq, TimeStampResp, TSTInfo } from 'pkijs';
import { AppError } from '../http/errors.ts';
import { OID, parseDer, parseSignedData, toArrayBuffer } from './cms.ts';
import type { TimestampAuthority } from './signer.ts';

/*
 * RFC 3161 client: POST application/timestamp-query, answer application/timestamp-reply. Checks that the token
 * is granted and that its TSTInfo covers the digest we sent with our nonce; the TSA's signature on the token is
 * checked by the verifier (verify-pades.ts), as every relying party would.
 */

export type TsaClientOptions = {
  url: string;
  /** Extra headers, e.g. Authorization for a commercial TSA. */
  headers?: Record<string, string>;
  policy?: string;
  timeoutMs?: number;
};

export class TsaClient implements TimestampAuthority {
  constructor(private readonly options: TsaClientOptions) {}

  async timestamp(digest: Uint8Array): Promise<Uint8Array> {
    const nonce = new asn1js.Integer({ valueHex: toArrayBuffer(Uint8Array.from([0x01, ...randomBytes(7)])) });
    const request = new TimeStampReq({
      version: 1,
      messageImprint: new MessageImprint({
        hashAlgorithm: new AlgorithmIdentifier({ algorithmId: OID.sha256 }),
        hashedMessage: new asn1js.OctetString({ valueHex: toArrayBuffer(digest) }),
      }),
      nonce,
      certReq: true,
      ...(this.options.policy ? { reqPolicy: this.options.policy } : {}),
    });
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/timestamp-query', ...this.options.headers },
        body: new Uint8Array(request.toSchema().toBER(false)),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 15_000),
      });
    } catch {
      throw new AppError('signing.tsa_unavailable', 'unavailable');
    }
    if (response.status >= 500) throw new AppError('signing.tsa_unavailable', 'unavailable');
    if (!response.ok) throw new AppError('signing.tsa_refused', 'unavailable', { status: response.status });
    const body = new Uint8Array(await response.arrayBuffer());
    let token: Uint8Array;
    try {
      const reply = new TimeStampResp({ schema: parseDer(body) });
      if (reply.status.status !== PKIStatus.granted && reply.status.status !== PKIStatus.grantedWithMods) throw new Error(`status ${reply.status.status}`);
      if (!reply.timeStampToken) throw new Error('no token');
      token = new Uint8Array(reply.timeStampToken.toSchema().toBER(false));
      const signed = parseSignedData(token);
      const eContent = signed.encapContentInfo.eContent;
      if (signed.encapContentInfo.eContentType !== OID.tstInfo || !eContent) throw new Error('not a TSTInfo');
      const info = new TSTInfo({ schema: parseDer(new Uint8Array(eContent.getValue())) });
      const imprint = new Uint8Array(info.messageImprint.hashedMessage.valueBlock.valueHexView);
      if (!Buffer.from(imprint).equals(Buffer.from(digest))) throw new Error('the token covers another digest');
      if (!info.nonce || !info.nonce.isEqual(nonce)) throw new Error('the token has another nonce');
    } catch {
      throw new AppError('signing.tsa_refused', 'unavailable');
    }
    return token;
  }
}
