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

/** Leaflet for the optional map, from its npm package (never a CDN); its images under `leaflet-<name>` beside it. */
function leafletFiles(): Record<string, { type: string; body: string | Buffer }> {
  const dist = (file: string) => require.resolve(`leaflet/dist/${file}`);
  const files: Record<string, { type: string; body: string | Buffer }> = {
    'leaflet.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(dist('leaflet.js'), 'utf8').replace(/\/\/# sourceMappingURL=.*$/m, '') },
    'leaflet.css': { type: 'text/css; charset=utf-8', body: readFileSync(dist('leaflet.css'), 'utf8').replaceAll('url(images/', 'url(leaflet-') },
  };
  for (const image of ['marker-icon.png', 'marker-icon-2x.png', 'marker-shadow.png', 'layers.png', 'layers-2x.png']) {
    files[`leaflet-${image}`] = { type: 'image/png', body: readFileSync(dist(`images/${image}`)) };
  }
  return files;
}

export function registerAssets(app: FastifyInstance): void {
  const files: Record<string, { type: string; body: string | Buffer }> = {
    'govuk-frontend.css': { type: 'text/css; charset=utf-8', body: govukCss() },
    'app.css': { type: 'text/css; charset=utf-8', body: readFileSync(new URL('app.css', ASSETS_DIR), 'utf8') },
    'app.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('app.js', ASSETS_DIR), 'utf8') },
    'favicon.svg': { type: 'image/svg+xml', body: readFileSync(new URL('favicon.svg', ASSETS_DIR), 'utf8') },
    'location-map.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(new URL('location-map.js', ASSETS_DIR), 'utf8') },
    ...leafletFiles(),
  };
  app.get('/assets/:file', { schema: { hide: true } }, async (request, reply) => {
    const f = files[(request.params as { file: string }).file];
    if (!f) return reply.callNotFound();
    return reply.type(f.type).header('cache-control', 'public, max-age=3600').send(f.body);
  });
  app.get('/favicon.ico', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/assets/favicon.svg', 301));
}
