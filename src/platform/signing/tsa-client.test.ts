import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from './cms.ts';
import { createTestPki, type TestPki } from './test-pki.ts';
import { TsaClient } from './tsa-client.ts';
import { startTsaServer, type TsaServer } from './tsa-server.ts';

let pki: TestPki;
let tsa: TsaServer;
beforeAll(async () => {
  pki = await createTestPki();
  tsa = await startTsaServer(pki.tsa);
});
afterAll(async () => {
  await tsa?.stop();
});

describe('RFC 3161 client and local TSA', () => {
  it('returns a token over the digest sent', async () => {
    const token = await new TsaClient({ url: tsa.url }).timestamp(sha256(new TextEncoder().encode('semnătură')));
    expect(token.length).toBeGreaterThan(1000);
    expect(tsa.issued).toBe(1);
  });

  it('reports a rejection (a digest that is not SHA-256 length) as signing.tsa_refused', async () => {
    await expect(new TsaClient({ url: tsa.url }).timestamp(new Uint8Array(20))).rejects.toMatchObject({ code: 'signing.tsa_refused' });
  });

  it('reports a TSA that does not answer as signing.tsa_unavailable', async () => {
    await expect(new TsaClient({ url: 'http://127.0.0.1:9/tsa', timeoutMs: 2000 }).timestamp(new Uint8Array(32))).rejects.toMatchObject({ code: 'signing.tsa_unavailable' });
  });
});
