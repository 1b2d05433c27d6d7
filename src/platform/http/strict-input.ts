import type { RouteOptions } from 'fastify';
import { z } from 'zod';

type Def = Record<string, unknown> & { type: string };
type Schema = z.ZodType & { clone(def: Def, params: { parent: true }): z.ZodType };

const cache = new WeakMap<z.ZodType, z.ZodType>();

/**
 * The same schema refusing what it does not know: every object (at any depth: inside arrays, records' values,
 * optionals, unions, intersections, pipes) answers a property it does not declare with zod's `unrecognized_keys`
 * instead of dropping it silently. What is free by design stays free: `z.unknown()` / `z.any()` values, the keys of a
 * `z.record`, and an object that chose its own catchall (`z.looseObject`, `.catchall(…)`). Descriptions and checks
 * are kept (the copy's metadata is its original's), so the OpenAPI document shows the same schema with
 * `additionalProperties: false`.
 */
export function strictInput<S extends z.ZodType>(schema: S): S {
  return strict(schema) as S;
}

function strict(schema: z.ZodType): z.ZodType {
  const known = cache.get(schema);
  if (known) return known;
  const def = schema._zod.def as unknown as Def;
  const copy = (changes: Record<string, unknown>) => (schema as Schema).clone({ ...def, ...changes }, { parent: true });
  let out: z.ZodType;
  switch (def.type) {
    case 'object': {
      // Read on use, like zod's own shape: a recursive schema (a getter returning its own object) ends at the cached copy.
      const original = def.shape as Record<string, z.ZodType>;
      const shape = {};
      for (const key of Object.keys(original)) Object.defineProperty(shape, key, { enumerable: true, get: () => strict(original[key]!) });
      out = copy({ shape, catchall: def.catchall ? strict(def.catchall as z.ZodType) : z.never() });
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
      out = schema;
  }
  cache.set(schema, out);
  return out;
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
  route.schema = { ...route.schema, body: strictInput(body) };
}
