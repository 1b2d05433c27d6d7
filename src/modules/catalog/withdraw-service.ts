import type { AppDeps } from '../../app.ts';
import { AppError } from '../../platform/http/errors.ts';
import { editService, type ServiceEdit } from './edit-service.ts';
import { setWithdrawn } from './store.ts';

/**
 * Withdraws a published service from the online catalogue ("Retrageți din catalog"), or puts it back ("Republicați").
 * Its versions stay as they are: cases already submitted go on; a withdrawn service is not listed, nobody starts or
 * submits a request for it online. Repeating either changes nothing and records nothing.
 */
export async function withdrawService(
  deps: Pick<AppDeps, 'db' | 'now'>,
  input: ServiceEdit & { withdrawn: boolean },
): Promise<{ withdrawnAt: Date | null; changed: boolean }> {
  return editService(deps, input, async (tx, service, audit) => {
    if (!service.publishedVersionId) throw new AppError('catalog.not_published', 'conflict');
    if (Boolean(service.withdrawnAt) === input.withdrawn) return { withdrawnAt: service.withdrawnAt, changed: false };
    const at = input.withdrawn ? deps.now() : null;
    await setWithdrawn(tx, service.id, at, input.actor.accountId);
    await audit(input.withdrawn ? 'catalog.service_withdrawn' : 'catalog.service_republished', { id: service.publishedVersionId }, {});
    return { withdrawnAt: at, changed: true };
  });
}
