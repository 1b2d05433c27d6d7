import { AppError } from '../../platform/http/errors.ts';
import type { DefinitionProblem } from './domain/form-definition.ts';

/** A draft the administrator wrote is refused: the problems say where and why (the pages translate them). */
export class DefinitionInvalidError extends AppError {
  constructor(readonly problems: DefinitionProblem[]) {
    super('catalog.definition_invalid', 'invalid', { count: problems.length });
    this.name = 'DefinitionInvalidError';
  }
}
