import { createHash } from 'node:crypto';
import { AppError } from '../http/errors.ts';
import { type CmsKey, OID } from './cms.ts';
import { type SignOptions, type Signer, signPdfWithKey, type TimestampAuthority } from './signer.ts';

/*
 * Client of the Cloud Signature Consortium API v2 (remote qualified signature): the private key stays in the
 * provider's QSCD; we send the SHA-256 of the CMS signed attributes and get the signature value back.
 *
 *   POST /csc/v2/info                      the service and its auth types
 *   POST /oauth2/token                     client_credentials (or an access token obtained for the user)
 *   POST /csc/v2/credentials/list          the user's credential IDs
 *   POST /csc/v2/credentials/info          certificate chain, key algorithms, PIN/OTP requirements
 *   POST /csc/v2/credentials/authorize     PIN (+ OTP) and the hashes → SAD (signature activation data)
 *   POST /csc/v2/signatures/signHash       SAD + hashes → signatures
 *
 * A wrong PIN is `signing.pin_invalid`, a locked credential `signing.credential_locked`; other 4xx answers are
 * `signing.remote_refused`, network errors and 5xx `signing.remote_unavailable`. The PIN is never logged.
 */

export type CscAuth = { clientId: string; clientSecret: string } | { accessToken: string };

export type CscRemoteSignerOptions = {
  /** Base URL of the service, without /csc/v2 (e.g. https://rss.example.ro). */
  baseUrl: string;
  auth: CscAuth;
  /** The credential to use; the first of credentials/list when absent. */
  credentialId?: string;
  userId?: string;
  /** The PIN (and OTP) entered by the official, asked for at signing time. */
  pin: () => Promise<string> | string;
  otp?: () => Promise<string> | string;
  timestampAuthority?: TimestampAuthority | null;
  timeoutMs?: number;
};

type CscError = { error?: string; error_description?: string };
type CredentialInfo = { key: { algo: string[]; status?: string }; cert: { certificates: string[] }; authMode?: string };

export class CscRemoteSigner implements Signer {
  private token: { value: string; expiresAt: number } | null = null;
  private credential: { id: string; info: CredentialInfo } | null = null;

  constructor(private readonly options: CscRemoteSignerOptions) {}

  private async call<T>(path: string, body: Record<string, unknown>, auth = true): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth) headers.authorization = `Bearer ${await this.accessToken()}`;
    return this.post<T>(path, headers, JSON.stringify(body), path.endsWith('/credentials/authorize'));
  }

  private async post<T>(path: string, headers: Record<string, string>, body: string, authorizing = false): Promise<T> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.options.baseUrl.replace(/\/?$/, '/')), {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
      });
    } catch {
      throw new AppError('signing.remote_unavailable', 'unavailable');
    }
    if (response.status >= 500) throw new AppError('signing.remote_unavailable', 'unavailable');
    const json = (await response.json().catch(() => ({}))) as T & CscError;
    if (!response.ok) {
      const code = json.error ?? '';
      const description = (json.error_description ?? '').toLowerCase();
      if (authorizing && (code === 'invalid_pin' || /\bpin\b/.test(description) || code === 'invalid_otp' || /\botp\b/.test(description))) {
        throw new AppError('signing.pin_invalid', 'invalid');
      }
      if (code === 'credential_locked' || /locked|blocked/.test(description)) throw new AppError('signing.credential_locked', 'forbidden');
      throw new AppError('signing.remote_refused', 'unavailable', { status: response.status, error: code });
    }
    return json;
  }

  private async accessToken(): Promise<string> {
    const { auth } = this.options;
    if ('accessToken' in auth) return auth.accessToken;
    if (this.token && this.token.expiresAt > Date.now() + 10_000) return this.token.value;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: auth.clientId, client_secret: auth.clientSecret });
    const answer = await this.post<{ access_token: string; expires_in?: number }>('oauth2/token', { 'content-type': 'application/x-www-form-urlencoded' }, form.toString());
    this.token = { value: answer.access_token, expiresAt: Date.now() + (answer.expires_in ?? 300) * 1000 };
    return this.token.value;
  }

  /** The service description (POST /csc/v2/info). */
  info(): Promise<{ specs: string; name: string; authType: string[]; methods: string[] }> {
    return this.call('csc/v2/info', { lang: 'ro' }, false);
  }

  private async loadCredential(): Promise<{ id: string; info: CredentialInfo }> {
    if (this.credential) return this.credential;
    let id = this.options.credentialId;
    if (!id) {
      const list = await this.call<{ credentialIDs: string[] }>('csc/v2/credentials/list', this.options.userId ? { userID: this.options.userId } : {});
      id = list.credentialIDs[0];
      if (!id) throw new AppError('signing.remote_refused', 'unavailable', { error: 'no_credential' });
    }
    const info = await this.call<CredentialInfo>('csc/v2/credentials/info', { credentialID: id, certificates: 'chain', certInfo: true, authInfo: true });
    this.credential = { id, info };
    return this.credential;
  }

  private async cmsKey(): Promise<CmsKey> {
    const { id, info } = await this.loadCredential();
    const certificates = info.cert.certificates.map((b64) => new Uint8Array(Buffer.from(b64, 'base64')));
    const rsa = info.key.algo.includes(OID.rsaEncryption) || info.key.algo.includes(OID.sha256WithRsa);
    const signAlgo = rsa ? OID.sha256WithRsa : OID.ecdsaWithSha256;
    return {
      certificates,
      signatureAlgorithm: signAlgo,
      sign: async (data) => {
        const hash = createHash('sha256').update(data).digest('base64');
        const otp = this.options.otp ? await this.options.otp() : undefined;
        const { SAD } = await this.call<{ SAD: string }>('csc/v2/credentials/authorize', {
          credentialID: id,
          numSignatures: 1,
          hashes: [hash],
          hashAlgorithmOID: OID.sha256,
          PIN: await this.options.pin(),
          ...(otp ? { OTP: otp } : {}),
        });
        const signed = await this.call<{ signatures: string[] }>('csc/v2/signatures/signHash', {
          credentialID: id,
          SAD,
          hashes: [hash],
          hashAlgorithmOID: OID.sha256,
          signAlgo,
        });
        const signature = signed.signatures[0];
        if (!signature) throw new AppError('signing.remote_refused', 'unavailable', { error: 'no_signature' });
        return new Uint8Array(Buffer.from(signature, 'base64'));
      },
    };
  }

  async sign(pdf: Uint8Array, opts: SignOptions): Promise<Uint8Array> {
    return signPdfWithKey(pdf, opts, await this.cmsKey(), this.options.timestampAuthority ?? null);
  }

  async certificate(): Promise<Uint8Array> {
    const { info } = await this.loadCredential();
    return new Uint8Array(Buffer.from(info.cert.certificates[0]!, 'base64'));
  }
}
