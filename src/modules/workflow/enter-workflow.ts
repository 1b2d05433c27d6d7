import type { Executor } from '../../db/database.ts';
import type { Closures } from '../../platform/calendar/calendar.ts';
import { getClosures } from '../organisation/closures.ts';
import { loadInstitution } from '../admin/load-institution.ts';
import { getServiceVersion } from '../catalog/get-service-version.ts';
import { stepOf } from './domain/workflow-definition.ts';
import { getWorkflowFor, placeAt } from './step-context.ts';
import { findCaseStep, type StepProjection, updateCaseStep } from './store.ts';

/**
 * Places a case on the first step of its service's workflow (the registry), with that step's due day counted
 * from registration. Called in the transaction that opens the case, so a new case is in the registry inbox at
 * once; the daily job catches any case opened before workflows existed.
 */
export async function enterWorkflow(tx: Executor, caseId: string, known: { closures?: Closures } = {}): Promise<boolean> {
  const step = await findCaseStep(tx, caseId);
  if (!step || step.stepKey !== null) return false;
  const version = await getServiceVersion(tx, step.serviceVersionId);
  const placed = await firstStep(tx, {
    institutionId: step.institutionId,
    serviceCode: version.definition.code,
    caseDepartmentId: step.departmentId,
    seq: step.stepSeq,
    at: step.submittedAt,
    closures: known.closures,
  });
  if (!placed) return false;
  await updateCaseStep(tx, caseId, placed);
  return true;
}

/**
 * The first step of the service's workflow for a case registered at `at` (the institution and workflows come from
 * the configuration cache): what a case opened now is inserted with. Null when there is no step to place it on.
 */
export async function firstStep(
  tx: Executor,
  input: { institutionId: string; serviceCode: string; caseDepartmentId: string | null; seq: number; at: Date; closures?: Closures },
): Promise<StepProjection | null> {
  const inst = await loadInstitution(tx, input.institutionId);
  const { workflow } = await getWorkflowFor(tx, input.institutionId, input.serviceCode);
  const first = stepOf(workflow, null);
  if (!inst || !first) return null;
  const closures = input.closures ?? (await getClosures(tx, input.institutionId));
  return placeAt({ inst, closures }, first, { caseDepartmentId: input.caseDepartmentId, assigneeId: null, seq: input.seq, at: input.at });
}
