import type { FastifyRequest } from 'fastify';

type Issue = { keyword: string; instancePath?: string; params?: unknown };

/** The code of a property the schema does not know (the API's bodies refuse them: strict-input.ts). */
export const UNKNOWN_FIELD = 'validation.unknown_field';

/**
 * The fields of a request its route schema refused, each with a code of ours (an i18n key under `errors.`, like the
 * codes the use cases give) instead of the schema library's English sentence: `validation.required` for a field not
 * sent, `validation.type`, `validation.too_big` / `too_small` (length or value), `validation.format` (a pattern, a
 * uuid), `validation.option` (not one of the allowed values), `validation.unknown_field` (a property the schema does
 * not know, named by its own path), else `validation.invalid`. The body itself is `_`.
 */
export function validationFields(issues: Issue[], request: FastifyRequest, context: string | undefined): Record<string, string> {
  const sent = context === 'querystring' ? request.query : context === 'params' ? request.params : context === 'headers' ? request.headers : request.body;
  return Object.fromEntries(
    issues.flatMap((issue): [string, string][] => {
      const path = (issue.instancePath ?? '').split('/').filter(Boolean);
      if (issue.keyword === 'unrecognized_keys') {
        const keys = (issue.params as { keys?: string[] } | undefined)?.keys ?? [];
        return keys.map((key) => [[...path, key].join('.'), UNKNOWN_FIELD]);
      }
      return [[path.join('.') || '_', `validation.${codeOf(issue, valueAt(sent, path))}`]];
    }),
  );
}

/** The fields refused as unknown, for the message that names them. */
export function unknownFields(fields: Record<string, string> | undefined): string[] {
  return Object.entries(fields ?? {})
    .filter(([, code]) => code === UNKNOWN_FIELD)
    .map(([name]) => name);
}

function codeOf(issue: Issue, value: unknown): string {
  switch (issue.keyword) {
    case 'invalid_type':
      return value === undefined ? 'required' : 'type';
    case 'too_big':
      return 'too_big';
    case 'too_small':
      return 'too_small';
    case 'invalid_format':
      return 'format';
    case 'invalid_value':
      return 'option';
    default:
      return 'invalid';
  }
}

function valueAt(root: unknown, path: string[]): unknown {
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}
