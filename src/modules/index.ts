import type { AppModule } from '../app.ts';
import { adminModule } from './admin/pages.tsx';
import { assistedModule } from './assisted/module.ts';
import { catalogModule } from './catalog/module.ts';
import { documentsModule } from './documents/module.ts';
import { homeModule } from './home/pages.tsx';
import { identityModule } from './identity/module.ts';
import { inboxModule } from './inbox/module.ts';
import { oidcModule } from './identity/oidc-pages.tsx';
import { organisationModule } from './organisation/pages.tsx';
import { twoFactorModule } from './identity/two-factor-pages.tsx';
import { outboxModule } from './outbox/module.ts';
import { privacyModule } from './privacy/module.ts';
import { registryModule } from './registry/module.ts';
import { reportsModule } from './reports/module.ts';
import { pagesModule } from './pages/pages.tsx';
import { submissionModule } from './submission/module.ts';
import { trackingModule } from './tracking/module.ts';
import { verificationModule } from './verification/pages.tsx';
import { workflowModule } from './workflow/module.ts';

/** Every area's module, in the order their routes are registered. */
export const modules: AppModule[] = [homeModule, identityModule, oidcModule, twoFactorModule, adminModule, organisationModule, outboxModule, pagesModule, privacyModule, catalogModule, trackingModule, submissionModule, registryModule, assistedModule, workflowModule, inboxModule, documentsModule, verificationModule, reportsModule];
