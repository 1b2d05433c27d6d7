/**
 * Whether a string from a URL is a UUID as PostgreSQL reads one (8-4-4-4-12 hex digits). Ids that are not answer
 * "not found" before any query: a malformed one would otherwise fail in the database as an error.
 */
export const isUuid = (s: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
