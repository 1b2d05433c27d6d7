import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);
const ASSETS_DIR = new URL('../web/assets/', import.meta.url);

/** The GOV.UK Frontend stylesheet without the GDS Transport font (reserved for GOV.UK) — a system font stack instead. */
function govukCss(): string {
  const css = readFileSync(require.resolve('govuk-frontend/dist/govuk/govuk-frontend.min.css'), 'utf8');
  return css
    .replace(/@font-face\{[^}]*GDS Transport[^}]*\}/g, '')
    .replaceAll('"GDS Transport",arial,sans-serif', 'system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif')
    .replaceAll('GDS Transport,arial,sans-serif', 'system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif')
    .replace(/\/\*# sourceMappingURL=.*?\*\//g, '');
}

export function registerAssets(app: FastifyInstance): void {
  const files: Record<string, { type: string; body: string | Buffer }> = {
    'govuk-frontend.css': { type: 'text/css; charset=utf-8', body: govukCss() },
    'app.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('app.css', ASSETS_DIR), 'utf8') },
    'app.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('app.js', ASSETS_DIR), 'utf8') },
    'favicon.svg': { type: 'image/svg+xml', body: readFileSync(new URL('favicon.svg', ASSETS_DIR), 'utf8') },
  };
  app.get('/assets/:file', { schema: { hide: true } }, async (request, reply) => {
    const f = files[(request.params as { file: string }).file];
    if (!f) return reply.callNotFound();
    return reply.type(f.type).header('cache-control', 'public, max-age=3600').send(f.body);
  });
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/assets/favicon.svg', 301));
}
