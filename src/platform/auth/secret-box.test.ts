import { describe, expect, it } from 'vitest';
import { openSecret, sealDemoSecret, sealSecret } from './secret-box.ts';

const KEY = 'a-session-secret-of-at-least-32-characters';

describe('secret box (AES-256-GCM under a key derived from the session secret)', () => {
  it('opens what it sealed, and never stores the plain text', () => {
    const sealed = sealSecret(KEY, 'JBSWY3DPEHPK3PXP', 'totp:1');
    expect(sealed).toMatch(/^v1\.k\./);
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(openSecret(KEY, sealed, 'totp:1')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('seals the same secret differently each time (random IV)', () => {
    expect(sealSecret(KEY, 'X', 'c')).not.toBe(sealSecret(KEY, 'X', 'c'));
  });

  it('refuses another context, another session secret and a tampered value', () => {
    const sealed = sealSecret(KEY, 'JBSWY3DPEHPK3PXP', 'totp:1');
    expect(() => openSecret(KEY, sealed, 'totp:2')).toThrow();
    expect(() => openSecret('another-session-secret-of-32-characters!', sealed, 'totp:1')).toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => openSecret(KEY, parts.join('.'), 'totp:1')).toThrow();
    expect(() => openSecret(KEY, 'plain-text', 'totp:1')).toThrow();
  });

  it('opens demo-sealed values whatever the session secret', () => {
    const sealed = sealDemoSecret('DEMO', 'totp:9');
    expect(sealed).toMatch(/^v1\.d\./);
    expect(openSecret(KEY, sealed, 'totp:9')).toBe('DEMO');
    expect(() => openSecret(KEY, sealed, 'totp:8')).toThrow();
  });
});
