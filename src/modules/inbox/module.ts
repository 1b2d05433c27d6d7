import type { AppModule } from '../../app.ts';
import { registerMessages } from '../../platform/i18n/i18n.ts';
import { inboxMessages } from './messages.ts';
import { registerInboxPages } from './pages.tsx';
import { registerInboxRoutes } from './routes.ts';

/** The back office's inboxes (work queues as configuration) under /birou and /api/v1/inboxes. */
export const inboxModule: AppModule = {
  name: 'inbox',
  register(app, deps) {
    registerMessages('inbox', inboxMessages);
    registerInboxPages(app, deps);
    registerInboxRoutes(app, deps);
  },
};
