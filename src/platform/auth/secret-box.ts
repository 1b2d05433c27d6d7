import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts small secrets at rest (TOTP seeds) with AES-256-GCM. The key is derived with HKDF-SHA256 from the
 * session secret, so no second secret has to be configured; `context` (e.g. `totp:<accountId>`) is bound as
 * associated data, so a sealed value copied onto another account does not open.
 *
 * Sealed form: `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url parts). Key ids:
 * - `k`: derived from the configured session secret — every real secret.
 * - `d`: derived from a published constant. Only the demo seed uses it: the seed runs without configuration,
 *   and the demo TOTP seed is published in the README anyway, so hiding it under a real key would protect nothing.
 */
const VERSION = 'v1';
const DEMO_KEY_MATERIAL = 'primaria-digitala-demo-data-public-key';

function deriveKey(material: string): Buffer {
  return Buffer.from(hkdfSync('sha256', material, 'primaria-digitala/secret-box', 'aes-256-gcm key v1', 32));
}

const keyCache = new Map<string, Buffer>();
function keyFor(material: string): Buffer {
  let key = keyCache.get(material);
  if (!key) {
    key = deriveKey(material);
    keyCache.set(material, key);
  }
  return key;
}

function seal(key: Buffer, keyId: string, plain: string, context: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, keyId, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
}

export function sealSecret(sessionSecret: string, plain: string, context: string): string {
  return seal(keyFor(sessionSecret), 'k', plain, context);
}

/** Only for the demo seed (see above). */
export function sealDemoSecret(plain: string, context: string): string {
  return seal(keyFor(DEMO_KEY_MATERIAL), 'd', plain, context);
}

/** Opens a sealed value; throws when it was altered, sealed for another context or under another key. */
export function openSecret(sessionSecret: string, sealed: string, context: string): string {
  const [version, keyId, iv, body, tag] = sealed.split('.');
  if (version !== VERSION || !iv || body === undefined || !tag || (keyId !== 'k' && keyId !== 'd')) throw new Error('secret-box: unknown format');
  const key = keyFor(keyId === 'k' ? sessionSecret : DEMO_KEY_MATERIAL);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
