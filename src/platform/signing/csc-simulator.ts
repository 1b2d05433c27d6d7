import { constants, type KeyObject, privateEncrypt, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OID } from './cms.ts';

/*
 * A local remote-signing service speaking the CSC API v2 subset our client uses, for tests and development.
 * One OAuth2 client (client_credentials), credentials with an RSA key, a certificate chain and a PIN; wrong PINs
 * answer 401 {"error":"invalid_pin"} and the third wrong PIN in a row locks the credential
 * ({"error":"credential_locked"}). A SAD is valid for 5 minutes, for the hashes it was authorised for only.
 */

export type SimulatedCredential = { id: string; userId: string; pin: string; privateKey: KeyObject; certificates: Uint8Array[] };

export type CscSimulator = {
  url: string;
  clientId: string;
  clientSecret: string;
  /** Number of signHash calls that produced a signature. */
  readonly signatures: number;
  stop(): Promise<void>;
};

const MAX_WRONG_PINS = 3;
// DigestInfo prefix for SHA-256 (RFC 8017 §9.2 note 1): the RSA PKCS#1 v1.5 signature of a precomputed hash.
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export async function startCscSimulator(credentials: SimulatedCredential[], options: { host?: string } = {}): Promise<CscSimulator> {
  const clientId = 'primaria-digitala';
  const clientSecret = randomBytes(16).toString('hex');
  const tokens = new Map<string, number>();
  const sads = new Map<string, { credentialId: string; hashes: Set<string>; remaining: number; expiresAt: number }>();
  const wrongPins = new Map<string, number>();
  let signatures = 0;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };
  const fail = (res: ServerResponse, status: number, error: string, description: string) => send(res, status, { error, error_description: description });

  async function readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  }

  const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
  const find = (id: unknown) => credentials.find((c) => c.id === id);

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method !== 'POST') return fail(res, 405, 'invalid_request', 'POST only');
    const raw = await readBody(req);

    if (path === '/oauth2/token') {
      const form = new URLSearchParams(raw);
      if (form.get('grant_type') !== 'client_credentials') return fail(res, 400, 'unsupported_grant_type', 'client_credentials only');
      if (form.get('client_id') !== clientId || !sameSecret(form.get('client_secret') ?? '', clientSecret)) return fail(res, 401, 'invalid_client', 'Invalid client credentials');
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, Date.now() + 3600_000);
      return send(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
    }

    let body: Record<string, unknown>;
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      return fail(res, 400, 'invalid_request', 'Malformed JSON');
    }

    if (path === '/csc/v2/info') {
      return send(res, 200, {
        specs: '2.0.0.0',
        name: 'Primăria Digitală CSC simulator',
        logo: '',
        region: 'RO',
        lang: 'ro',
        description: 'Local simulator of a remote signing service (tests only)',
        authType: ['oauth2client'],
        oauth2: `${url}`,
        methods: ['oauth2/token', 'credentials/list', 'credentials/info', 'credentials/authorize', 'signatures/signHash'],
      });
    }

    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || (tokens.get(bearer) ?? 0) < Date.now()) return fail(res, 401, 'invalid_token', 'Missing or expired access token');

    if (path === '/csc/v2/credentials/list') {
      const user = body.userID;
      return send(res, 200, { credentialIDs: credentials.filter((c) => !user || c.userId === user).map((c) => c.id) });
    }

    const credential = find(body.credentialID);
    if (!credential) return fail(res, 400, 'invalid_request', 'Invalid parameter credentialID');
    const locked = (wrongPins.get(credential.id) ?? 0) >= MAX_WRONG_PINS;

    if (path === '/csc/v2/credentials/info') {
      const chain = body.certificates === 'none' ? [] : body.certificates === 'chain' ? credential.certificates : credential.certificates.slice(0, 1);
      return send(res, 200, {
        key: { status: locked ? 'disabled' : 'enabled', algo: [OID.rsaEncryption, OID.sha256WithRsa], len: credential.privateKey.asymmetricKeyDetails?.modulusLength ?? 2048 },
        cert: { status: 'valid', certificates: chain.map((der) => Buffer.from(der).toString('base64')) },
        authMode: 'explicit',
        PIN: { presence: 'true', format: 'N', label: 'PIN', description: 'PIN-ul certificatului' },
        OTP: { presence: 'false' },
        multisign: 1,
        lang: 'ro',
      });
    }

    if (path === '/csc/v2/credentials/authorize') {
      if (locked) return fail(res, 403, 'credential_locked', 'The credential is locked');
      const hashes = body.hashes;
      if (!Array.isArray(hashes) || hashes.length === 0 || hashes.some((h) => typeof h !== 'string')) return fail(res, 400, 'invalid_request', 'Missing or invalid parameter hashes');
      if (body.hashAlgorithmOID !== OID.sha256) return fail(res, 400, 'invalid_request', 'Unsupported hashAlgorithmOID');
      if (typeof body.PIN !== 'string' || !sameSecret(body.PIN, credential.pin)) {
        wrongPins.set(credential.id, (wrongPins.get(credential.id) ?? 0) + 1);
        return fail(res, 401, 'invalid_pin', 'The PIN is invalid');
      }
      wrongPins.delete(credential.id);
      const sad = randomBytes(24).toString('base64url');
      sads.set(sad, { credentialId: credential.id, hashes: new Set(hashes as string[]), remaining: Number(body.numSignatures ?? hashes.length), expiresAt: Date.now() + 300_000 });
      return send(res, 200, { SAD: sad, expiresIn: 300 });
    }

    if (path === '/csc/v2/signatures/signHash') {
      const sad = sads.get(String(body.SAD ?? ''));
      const hashes = body.hashes as string[] | undefined;
      if (!sad || sad.credentialId !== credential.id || sad.expiresAt < Date.now()) return fail(res, 400, 'invalid_request', 'Invalid SAD');
      if (!Array.isArray(hashes) || hashes.some((h) => !sad.hashes.has(h)) || hashes.length > sad.remaining) return fail(res, 400, 'invalid_request', 'The hashes were not authorised by the SAD');
      if (body.hashAlgorithmOID !== OID.sha256 && body.signAlgo !== OID.sha256WithRsa) return fail(res, 400, 'invalid_request', 'Unsupported hashAlgorithmOID');
      if (body.signAlgo !== OID.sha256WithRsa && body.signAlgo !== OID.rsaEncryption) return fail(res, 400, 'invalid_request', 'Unsupported signAlgo');
      sad.remaining -= hashes.length;
      const out = hashes.map((h) => {
        const digest = Buffer.from(h, 'base64');
        const value = privateEncrypt({ key: credential.privateKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest]));
        return value.toString('base64');
      });
      signatures += out.length;
      return send(res, 200, { signatures: out });
    }

    return fail(res, 404, 'invalid_request', 'Unknown method');
  });

  await new Promise<void>((resolve) => server.listen(0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`;
  return {
    url,
    clientId,
    clientSecret,
    get signatures() {
      return signatures;
    },
    stop: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
