import { z } from 'zod';
import type { Answers } from './form-definition.ts';

/** Amounts are in bani (1 leu = 100 bani): integers, no rounding surprises. */
export const FeeRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('fixed'), amount: z.number().int().min(0) }),
  /** amount × the number answered to `question` (e.g. per copy, per m²). */
  z.object({ kind: z.literal('per_unit'), amount: z.number().int().min(0), question: z.string(), minimum: z.number().int().min(0).optional() }),
  /** the amount set for the option chosen in `question` (e.g. standard / urgent). */
  z.object({ kind: z.literal('by_option'), question: z.string(), amounts: z.record(z.string(), z.number().int().min(0)) }),
  /**
   * A share of an amount in lei answered to `question` (e.g. 1% of the value of the works), in basis points
   * (100 = 1%); `byOption` sets another rate for some options of a single choice (0.5% for homes).
   */
  z.object({
    kind: z.literal('percent'),
    question: z.string(),
    basisPoints: z.number().int().min(0).max(10_000),
    minimum: z.number().int().min(0).optional(),
    byOption: z.object({ question: z.string(), basisPoints: z.record(z.string(), z.number().int().min(0).max(10_000)) }).optional(),
  }),
]);
export type FeeRule = z.infer<typeof FeeRule>;

/** The fee for these answers, in bani; null when the answers do not yet say (a question not answered). */
export function computeFee(rule: FeeRule, answers: Answers): number | null {
  switch (rule.kind) {
    case 'none':
      return 0;
    case 'fixed':
      return rule.amount;
    case 'per_unit': {
      const n = answers[rule.question];
      if (typeof n !== 'number') return null;
      return Math.max(Math.round(rule.amount * n), rule.minimum ?? 0);
    }
    case 'by_option': {
      const v = answers[rule.question];
      if (typeof v !== 'string') return null;
      return rule.amounts[v] ?? null;
    }
    case 'percent': {
      const lei = answers[rule.question];
      if (typeof lei !== 'number') return null;
      const option = rule.byOption ? answers[rule.byOption.question] : undefined;
      const rate = (typeof option === 'string' ? rule.byOption?.basisPoints[option] : undefined) ?? rule.basisPoints;
      // lei × 100 bani × rate / 10 000
      return Math.max(Math.round((lei * rate) / 100), rule.minimum ?? 0);
    }
  }
}

/** Questions a fee rule reads: they must exist in the form (checked at save). */
export function feeQuestions(rule: FeeRule): string[] {
  if (rule.kind === 'percent') return rule.byOption ? [rule.question, rule.byOption.question] : [rule.question];
  return rule.kind === 'per_unit' || rule.kind === 'by_option' ? [rule.question] : [];
}
