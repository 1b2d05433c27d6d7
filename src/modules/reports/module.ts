import type { AppModule } from '../../app.ts';
import { registerMessages } from '../../platform/i18n/i18n.ts';
import { reportsMessages } from './messages.ts';
import { registerReportsPages } from './pages.tsx';
import { registerReportsRoutes } from './routes.ts';

/** Management figures for heads of department and the institution's leadership: /birou/rapoarte and /api/v1/reports. */
export const reportsModule: AppModule = {
  name: 'reports',
  register(app, deps) {
    registerMessages('reports', reportsMessages);
    registerReportsPages(app, deps);
    registerReportsRoutes(app, deps);
  },
};
