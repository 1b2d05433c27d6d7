import type { Executor } from '../../db/database.ts';
import type { Closures } from '../../platform/calendar/calendar.ts';
import { getClosures } from '../organisation/closures.ts';
import { loadInstitution } from '../admin/load-institution.ts';
import { getServiceVersion } from '../catalog/get-service-version.ts';
import { stepOf } from './domain/workflow-definition.ts';
import { getWorkflowFor, placeAt } from './step-context.ts';
import { findCaseStep, updateCaseStep } from './store.ts';

/**
 * Places a case on the first step of its service's workflow (the registry), with that step's due day counted
 * from registration. Called in the transaction that opens the case, so a new case is in the registry inbox at
 * once; the daily job catches any case opened before workflows existed.
 */
export async function enterWorkflow(tx: Executor, caseId: string, known: { closures?: Closures } = {}): Promise<boolean> {
  const step = await findCaseStep(tx, caseId);
  if (!step || step.stepKey !== null) return false;
  const version = await getServiceVersion(tx, step.serviceVersionId);
  const inst = await loadInstitution(tx, step.institutionId);
  const { workflow } = await getWorkflowFor(tx, step.institutionId, version.definition.code);
  const first = stepOf(workflow, null);
  if (!inst || !first) return false;
  const closures = known.closures ?? (await getClosures(tx, step.institutionId));
  await updateCaseStep(tx, caseId, placeAt({ inst, closures }, first, { caseDepartmentId: step.departmentId, assigneeId: null, seq: step.stepSeq, at: step.submittedAt }));
  return true;
}
