import type { RouteOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { proveStrictInput, strictApiBodies, strictInput } from './strict-input.ts';

type Node = { name: string; children?: Node[] };
const Node: z.ZodType<Node> = z.object({
  name: z.string(),
  get children() {
    return z.array(Node).optional();
  },
});

const Body = z
  .object({
    text: z.string().describe('What the person writes'),
    person: z.object({ name: z.string(), idDocument: z.object({ number: z.string() }) }).optional(),
    scans: z.array(z.object({ filename: z.string() })).optional(),
    answers: z.record(z.string(), z.unknown()).optional(),
    definition: z.unknown().optional(),
    kind: z.discriminatedUnion('type', [z.object({ type: z.literal('a') }), z.object({ type: z.literal('b'), b: z.number() })]).optional(),
    both: z.object({ p: z.string() }).and(z.object({ q: z.string() })).optional(),
    loose: z.looseObject({ l: z.string() }).optional(),
    tree: Node.optional(),
    later: z.object({ w: z.string() }).transform((o) => o.w).optional(),
  })
  .refine((b) => b.text !== 'interzis', { path: ['text'] });
const Strict = strictInput(Body);

/** What the strict schema refuses: path of each unknown property, or the other issues' codes. */
function refused(input: unknown): string[] {
  const r = Strict.safeParse(input);
  if (r.success) return [];
  return r.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys.map((k) => [...i.path, k].join('.')) : [`${i.code} ${i.path.join('.')}`]));
}

describe('a strict copy of a body schema', () => {
  it('names every unknown property, at any depth, and keeps the schema’s own checks', () => {
    expect(refused({ text: 'x', transactionID: 'abc' })).toEqual(['transactionID']);
    expect(refused({ text: 'x', person: { name: 'A', idDocument: { number: '1', seria: 'RX' }, nume: 'B' } })).toEqual(['person.idDocument.seria', 'person.nume']);
    expect(refused({ text: 'x', scans: [{ filename: 'a.pdf' }, { filename: 'b.pdf', type: 'pdf' }] })).toEqual(['scans.1.type']);
    expect(refused({ text: 'x', kind: { type: 'b', b: 1, c: 2 } })).toEqual(['kind.c']);
    expect(refused({ text: 'x', tree: { name: 'r', children: [{ name: 'c', children: [{ name: 'g', age: 3 }] }] } })).toEqual(['tree.children.0.children.0.age']);
    expect(refused({ text: 'x', later: { w: 'a', v: 'b' } })).toEqual(['later.v']);
    expect(refused({ text: 'interzis', extra: 1 })).toEqual(['extra', 'custom text']);
  });

  it('takes what the schema knows, and leaves free what is free by design', () => {
    const body = {
      text: 'x',
      answers: { q1: 'a', q2: { lat: 44.4, lng: 26.1, whatever: true } },
      definition: { anything: { at: ['all'] } },
      both: { p: 'a', q: 'b' },
      loose: { l: 'a', extra: 1 },
      kind: { type: 'a' },
    };
    expect(Strict.parse(body)).toEqual(body);
    expect(refused({ text: 'x', both: { p: 'a', q: 'b', r: 'c' } })).toEqual(['both.r']);
  });

  it('keeps the descriptions for the OpenAPI document, and leaves the original schema as it was', () => {
    const json = z.toJSONSchema(Strict, { io: 'input', unrepresentable: 'any' }) as { additionalProperties: unknown; properties: Record<string, { description?: string; additionalProperties?: unknown }> };
    expect(json.additionalProperties).toBe(false);
    expect(json.properties.text!.description).toBe('What the person writes');
    expect(json.properties.answers!.additionalProperties).toEqual({});
    expect(Body.safeParse({ text: 'x', extra: 1 }).success).toBe(true);
  });
});

describe('a zod upgrade cannot turn strict input off silently', () => {
  it('refuses, when the route is registered, a schema type it does not know how to make strict, instead of letting its body through', () => {
    // As a newer zod's new kind of schema would look: neither an object nor a known leaf.
    const novel = Object.assign(Object.create(z.object({ a: z.string() })), { def: { type: 'novel' }, type: 'novel' }) as z.ZodType;
    expect(() => strictInput(z.array(novel))).toThrow('zod schema type "novel" is not known');
    const route = { url: '/api/v1/x', method: 'POST', handler: () => null, schema: { body: z.union([z.string(), novel]) } } as unknown as RouteOptions;
    expect(() => strictApiBodies(route)).toThrow('not known');
  });

  it('proves at the first API route that a strict copy still refuses unknown properties with the installed zod', () => {
    expect(() => proveStrictInput()).not.toThrow();
  });
});

describe('which routes get strict bodies', () => {
  const route = (url: string) => ({ url, method: 'POST', handler: () => null, schema: { body: z.object({ a: z.string() }) } }) as unknown as RouteOptions;
  const strictFor = (url: string) => {
    const r = route(url);
    strictApiBodies(r);
    return !(r.schema!.body as z.ZodType).safeParse({ a: 'x', _csrf: 't', action: 'save' }).success;
  };

  it('the JSON API only: a page’s form posts its token and the button pressed', () => {
    expect(strictFor('/api/v1/me/cases/:id/messages')).toBe(true);
    expect(strictFor('/cont/cereri/:id/mesaj')).toBe(false);
    expect(strictFor('/open311/v2/requests.json')).toBe(false);
  });
});
