/**
 * The first field whose text holds a NUL character (U+0000), by its path (`answers.subject`, `text`), or null.
 * PostgreSQL stores no NUL in `text` or `jsonb`: such a value must be refused as input, not reach a query and fail
 * there as a 500. Files are bytes, not text: an upload's buffers are not looked into.
 */
export function fieldWithNul(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : null;
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return null;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [key, v] of entries) {
    if (key.includes('\u0000')) return path ? `${path}.${key}` : key;
    const found = fieldWithNul(v, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}
