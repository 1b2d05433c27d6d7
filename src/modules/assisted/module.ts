import type { AppModule } from '../../app.ts';
import { registerMessages } from '../../platform/i18n/i18n.ts';
import type { RegistryDeps } from '../registry/registry-scope.ts';
import { assistedMessages } from './messages.ts';
import { registerAssistedPages } from './pages.tsx';
import { registerAssistedRoutes } from './routes.ts';

/** The assisted channel: a clerk files any service at the counter for a person without an account. */
export const assistedModule: AppModule = {
  name: 'assisted',
  register(app, deps) {
    registerMessages('assisted', assistedMessages);
    const assistedDeps: RegistryDeps = deps;
    registerAssistedPages(app, assistedDeps);
    registerAssistedRoutes(app, assistedDeps);
  },
};
