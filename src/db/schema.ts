// Every area's tables, re-exported for drizzle. Each area owns its file; add a line per area.
export * from '../modules/cases/schema.ts';
export * from '../modules/catalog/schema.ts';
export * from '../modules/documents/schema.ts';
export * from '../modules/identity/schema.ts';
export * from '../modules/identity/two-factor-schema.ts';
export * from '../modules/organisation/schema.ts';
export * from '../modules/registry/schema.ts';
export * from '../modules/submission/schema.ts';
export * from '../modules/tracking/schema.ts';
export * from '../modules/workflow/schema.ts';
export * from '../platform/audit/schema.ts';
export * from '../platform/notify/schema.ts';
export * from '../platform/web/journey-schema.ts';
