import type { AppModule } from '../../app.ts';
import { registerMessages } from '../../platform/i18n/i18n.ts';
import { registerCatalogAdminPages } from './admin-pages.tsx';
import { catalogMessages } from './messages.ts';
import { registerCatalogPages } from './pages.tsx';
import { registerCatalogRoutes } from './routes.ts';

/** The service catalogue: public pages and .docx forms, the administrator's editor, and its JSON API. */
export const catalogModule: AppModule = {
  name: 'catalog',
  register(app, deps) {
    registerMessages('catalog', catalogMessages);
    registerCatalogPages(app, deps);
    registerCatalogAdminPages(app, deps);
    registerCatalogRoutes(app, deps);
  },
};
