import type { AppModule } from '../../app.ts';
import { registerMessages } from '../../platform/i18n/i18n.ts';
import { registryMessages } from './messages.ts';
import { registerRegistryPages } from './pages.tsx';
import type { RegistryDeps } from './registry-scope.ts';
import { registerRegistryRoutes } from './routes.ts';
import { registerRoutedPages } from './routed-pages.tsx';
import { registerRoutedRoutes } from './routed-routes.ts';
import { unansweredMessages } from './unanswered-messages.ts';

/** The registry (registratură): the clerk's register, registration of paper and e-mail documents, exports. */
export const registryModule: AppModule = {
  name: 'registry',
  register(app, deps) {
    registerMessages('registry', registryMessages);
    registerMessages('registry-unanswered', unansweredMessages);
    // Inherit rather than copy: tests replace `deps.now`, and the module must see the new clock.
    const registryDeps: RegistryDeps = deps;
    registerRegistryPages(app, registryDeps);
    registerRegistryRoutes(app, registryDeps);
    registerRoutedPages(app, registryDeps);
    registerRoutedRoutes(app, registryDeps);
  },
};
