import type { IndicatorKind } from '../schemas/atlas.js';

export interface AggregatableValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface AggregationRule {
  kind: IndicatorKind;
  /** Multiplier that turns numerator/denominator into the published unit (100 for %). */
  rateFactor: number | null;
}

export interface AggregatedValue {
  value: number;
  numerator: number | null;
  denominator: number | null;
}

/**
 * Aggregates child areas into their parent. Counts are summed; rates are recomputed from
 * the summed numerators and denominators, because averaging rates would weight a small
 * district like a large one. Returns null when the parent cannot be computed honestly:
 * a child is missing, the indicator is not additive, or the denominator sums to zero.
 */
export function aggregateValues(rule: AggregationRule, children: readonly AggregatableValue[]): AggregatedValue | null {
  if (children.length === 0) return null;
  if (rule.kind === 'count') {
    let sum = 0;
    for (const child of children) {
      if (child.value === null || !Number.isFinite(child.value)) return null;
      sum += child.value;
    }
    return { value: sum, numerator: null, denominator: null };
  }
  if (rule.kind === 'rate') {
    let numerator = 0;
    let denominator = 0;
    for (const child of children) {
      if (child.numerator === null || child.denominator === null) return null;
      if (!Number.isFinite(child.numerator) || !Number.isFinite(child.denominator)) return null;
      numerator += child.numerator;
      denominator += child.denominator;
    }
    if (denominator === 0) return null;
    return { value: (numerator / denominator) * (rule.rateFactor ?? 1), numerator, denominator };
  }
  return null;
}

/** Rounds half away from zero to the indicator's decimals, as statistics offices publish. */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return (Math.sign(value) * Math.round(Math.abs(value) * factor + Number.EPSILON)) / factor;
}
