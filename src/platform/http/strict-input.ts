import type { RouteOptions } from 'fastify';
import { z } from 'zod';

type Def = Record<string, unknown> & { type: string };

const cache = new WeakMap<z.ZodType, z.ZodType>();

/** Types that hold no object to make strict: returned as they are. */
const LEAVES = new Set([
  'string', 'number', 'int', 'boolean', 'bigint', 'symbol', 'null', 'undefined', 'void', 'never', 'any', 'unknown', 'date', 'file',
  'enum', 'literal', 'nan', 'template_literal', 'custom', 'transform', 'success', 'map', 'set', 'promise', 'function',
]);

/**
 * The same schema refusing what it does not know: every object (at any depth: inside arrays, records' values,
 * optionals, unions, intersections, pipes) answers a property it does not declare with zod's `unrecognized_keys`
 * instead of dropping it silently. What is free by design stays free: `z.unknown()` / `z.any()` values, the keys of a
 * `z.record`, and an object that chose its own catchall (`z.looseObject`, `.catchall(…)`). Descriptions and checks
 * are kept, so the OpenAPI document shows the same schema with `additionalProperties: false`.
 *
 * Only zod's public API: a schema's `type` and `def`, `clone(def)`, `.strict()`, `.meta()` and `z.globalRegistry`.
 * A type it does not know (a zod upgrade adding one) throws when the route is registered — never a body let through
 * unchecked — and strictApiBodies checks once that a strict copy still refuses an unknown property.
 */
export function strictInput<S extends z.ZodType>(schema: S): S {
  return strict(schema) as S;
}

function strict(schema: z.ZodType): z.ZodType {
  const known = cache.get(schema);
  if (known) return known;
  const def = schema.def as unknown as Def;
  const copy = (changes: Record<string, unknown>) => schema.clone({ ...def, ...changes } as typeof schema.def);
  let out: z.ZodType;
  switch (def.type) {
    case 'object': {
      // Read on use, like zod's own shape: a recursive schema (a getter returning its own object) ends at the cached copy.
      const original = (schema as z.ZodObject).shape as Record<string, z.ZodType>;
      const shape = {};
      for (const key of Object.keys(original)) Object.defineProperty(shape, key, { enumerable: true, get: () => strict(original[key]!) });
      const catchall = def.catchall as z.ZodType | undefined;
      const object = copy({ shape, catchall: undefined }) as z.ZodObject;
      out = catchall ? object.catchall(strict(catchall)) : object.strict();
      break;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      out = copy({ innerType: strict(def.innerType as z.ZodType) });
      break;
    case 'array':
      out = copy({ element: strict(def.element as z.ZodType) });
      break;
    case 'record':
      out = copy({ valueType: strict(def.valueType as z.ZodType) });
      break;
    case 'union':
      out = copy({ options: (def.options as z.ZodType[]).map(strict) });
      break;
    case 'intersection':
      // zod refuses a key of an intersection only when both sides refuse it, so strict sides stay compatible.
      out = copy({ left: strict(def.left as z.ZodType), right: strict(def.right as z.ZodType) });
      break;
    case 'tuple':
      out = copy({ items: (def.items as z.ZodType[]).map(strict), rest: def.rest ? strict(def.rest as z.ZodType) : null });
      break;
    case 'pipe':
      out = copy({ in: strict(def.in as z.ZodType), out: strict(def.out as z.ZodType) });
      break;
    case 'lazy': {
      const getter = def.getter as () => z.ZodType;
      // Cached before the getter runs, so a recursive schema ends at its own copy.
      out = z.lazy(() => strict(getter()));
      break;
    }
    default:
      if (!LEAVES.has(def.type)) throw new Error(`strictInput: zod schema type "${def.type}" is not known; say how to make it strict (strict-input.ts)`);
      out = schema;
  }
  // A copy is a new schema: its description and examples (zod's global registry) are its original's.
  const meta = schema.meta();
  if (out !== schema && meta) out = out.meta(meta);
  cache.set(schema, out);
  return out;
}

let proven = false;

/** Throws unless a strict copy refuses an unknown property (a zod upgrade must not turn strict input off silently). */
export function proveStrictInput(): void {
  if (proven) return;
  const probe = strictInput(z.object({ a: z.array(z.object({ b: z.string() }).optional()) }));
  const r = probe.safeParse({ a: [{ b: 'x', c: 1 }], d: 2 });
  const unknown = r.success ? [] : r.error.issues.filter((i) => i.code === 'unrecognized_keys').map((i) => [...i.path, ...(i as { keys: string[] }).keys].join('.'));
  if (unknown.sort().join() !== 'a.0.c,d') throw new Error(`strictInput no longer refuses unknown properties with this zod version (found: ${unknown.join() || 'none'})`);
  proven = true;
}

/** The address prefix of the JSON API, whose request bodies refuse unknown properties. */
const API = '/api/v1/';

/**
 * An `onRoute` hook: the JSON body of every `/api/v1` route becomes strict (strictInput), seen so by the validator
 * and by the OpenAPI document alike. Only the API: a browser's form posts `_csrf` and the name of the button pressed,
 * and the pages read the fields they know. Query strings stay lenient (a cache-buster such as `?_=…` is common).
 */
export function strictApiBodies(route: RouteOptions): void {
  const body = route.schema?.body;
  if (!route.url.startsWith(API) || !(body instanceof z.ZodType)) return;
  proveStrictInput();
  route.schema = { ...route.schema, body: strictInput(body) };
}
