import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlobStore } from './create-blob-store.ts';
import { createS3BlobStore } from './s3-blob-store.ts';
import { DOCX, ODT, sniffContentType, sniffDocumentType, storedFilename } from './sniff.ts';
import { EICAR, type S3Simulator, startFakeClamd, startS3Simulator } from './testing.ts';
import { createClamdScanner } from './virus-scan.ts';


describe('S3 blob store', () => {
  let sim: S3Simulator;
  beforeAll(async () => {
    sim = await startS3Simulator();
  });
  afterAll(async () => sim?.close());

  const settings = () => ({ bucket: 'primaria', endpoint: sim.url, region: 'eu-central-1', accessKeyId: 'test', secretAccessKey: 'test-secret', forcePathStyle: true });

  it('stores, finds and returns a blob by its SHA-256, signing every request (SigV4)', async () => {
    const store = createBlobStore({ dataDir: '/nonexistent', s3: settings() });
    const bytes = new TextEncoder().encode('%PDF-1.7 cerere de certificat fiscal');
    const sha = await store.put(bytes);
    expect(sha).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(sim.objects.has(`/primaria/blobs/${sha.slice(0, 2)}/${sha}`)).toBe(true);
    expect(await store.has(sha)).toBe(true);
    expect(Buffer.from((await store.get(sha))!)).toEqual(Buffer.from(bytes));
    expect(sim.requests.every((r) => r.authorization.includes('Credential=test/'))).toBe(true);
  });

  it('answers null / false for a blob it does not have, and stores the same bytes once', async () => {
    const store = createS3BlobStore(settings());
    const missing = 'a'.repeat(64);
    expect(await store.get(missing)).toBeNull();
    expect(await store.has(missing)).toBe(false);
    const bytes = new Uint8Array(70_000).fill(7);
    const puts = () => sim.requests.filter((r) => r.method === 'PUT').length;
    const before = puts();
    await store.put(bytes);
    await store.put(bytes);
    expect(puts() - before).toBe(1);
  });

  it('keeps the local store as the default when no bucket is configured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'blobs-'));
    const store = createBlobStore({ dataDir: dir });
    const sha = await store.put(new Uint8Array([1, 2, 3]));
    expect(Array.from((await store.get(sha))!)).toEqual([1, 2, 3]);
  });
});

describe('clamd scanner', () => {
  let clamd: Awaited<ReturnType<typeof startFakeClamd>>;
  beforeAll(async () => {
    clamd = await startFakeClamd();
  });
  afterAll(async () => clamd?.close());

  it('reports a clean stream and an infected one (the EICAR test file), across several chunks', async () => {
    const scanner = createClamdScanner({ host: '127.0.0.1', port: clamd.port });
    expect(await scanner.scan(new Uint8Array(200_000).fill(65))).toEqual({ clean: true });
    const infected = Buffer.concat([Buffer.alloc(100_000, 32), Buffer.from(EICAR)]);
    expect(await scanner.scan(infected)).toEqual({ clean: false, signature: 'Eicar-Signature' });
  });

  it('throws when clamd cannot be reached (an unscanned file is never accepted)', async () => {
    const scanner = createClamdScanner({ host: '127.0.0.1', port: 1, timeoutMs: 2000 });
    await expect(scanner.scan(new Uint8Array([1]))).rejects.toThrow();
  });
});

describe('file types by content', () => {
  it('recognises DOCX and ODT inside their ZIP containers, and refuses a plain ZIP', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const docx = zipSync({ '[Content_Types].xml': enc('<Types/>'), 'word/document.xml': enc('<w:document/>') });
    expect(sniffDocumentType(docx)).toBe(DOCX);
    const odt = zipSync({ mimetype: [enc(ODT), { level: 0 }], 'content.xml': enc('<office:document-content/>') });
    expect(sniffDocumentType(odt)).toBe(ODT);
    expect(sniffDocumentType(zipSync({ 'a.txt': enc('hello') }))).toBeNull();
  });

  it('keeps sniffContentType to PDF, JPEG and PNG (what the company mandate accepts)', () => {
    const docx = zipSync({ '[Content_Types].xml': new Uint8Array(1), 'word/x.xml': new Uint8Array(1) });
    expect(sniffContentType(docx)).toBeNull();
    expect(sniffDocumentType(new TextEncoder().encode('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffDocumentType(new Uint8Array([0x4d, 0x5a, 0x90, 0]))).toBeNull();
  });

  it('refuses an archive dressed up as a Word document, and one that would unpack to more than 100 MB', () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(sniffDocumentType(zipSync({ '[Content_Types].xml': enc('<Types/>'), 'word/x': enc('x'), 'index.html': enc('<script>alert(1)</script>') }))).toBeNull();
    // 101 MB of zeros compresses to ~100 KB: the central directory says what it would unpack to.
    const bomb = zipSync({ '[Content_Types].xml': enc('<Types/>'), 'word/document.xml': new Uint8Array(101 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(sniffDocumentType(bomb)).toBeNull();
  });

  it('stores a file under a name that ends in its real type', () => {
    expect(storedFilename('x.html', 'application/pdf')).toBe('x.html.pdf');
    expect(storedFilename('polyglot.svg', 'image/png')).toBe('polyglot.svg.png');
    expect(storedFilename('Cerere semnată.PDF', 'application/pdf')).toBe('Cerere semnată.PDF');
    expect(storedFilename('poza.jpeg', 'image/jpeg')).toBe('poza.jpeg');
    expect(storedFilename('../../etc/"passwd"', 'application/pdf')).toBe('passwd.pdf');
    expect(storedFilename('', DOCX)).toBe('document.docx');
    expect(storedFilename('fara-extensie', ODT)).toBe('fara-extensie.odt');
  });
});
