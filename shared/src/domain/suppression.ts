import type { IndicatorKind } from '../schemas/atlas.js';

export interface SuppressionRule {
  kind: IndicatorKind;
  /** Smallest count that may be published; null disables suppression for the indicator. */
  suppressionThreshold: number | null;
}

export interface SuppressionCandidate {
  areaKey: string;
  value: number | null;
  numerator: number | null;
  /** Delivered as suppressed by the data owner. */
  sourceSuppressed: boolean;
}

/**
 * The count that decides whether a cell is disclosive: the value itself for counts,
 * the numerator for rates (a rate is as disclosive as the cases behind it).
 */
function disclosiveCount(rule: SuppressionRule, cell: SuppressionCandidate): number | null {
  if (rule.kind === 'count') return cell.value;
  if (rule.kind === 'rate') return cell.numerator;
  return null;
}

/** Primary suppression: the cell itself reveals fewer cases than the threshold. */
export function isPrimarySuppressed(rule: SuppressionRule, cell: SuppressionCandidate): boolean {
  if (cell.sourceSuppressed) return true;
  if (rule.suppressionThreshold === null || rule.suppressionThreshold <= 0) return false;
  const count = disclosiveCount(rule, cell);
  return count !== null && count < rule.suppressionThreshold;
}

/**
 * Returns the keys of every cell to suppress among sibling areas that share a published
 * parent. When exactly one sibling is suppressed, its value could be recovered by
 * subtracting the others from the parent total, so the next smallest sibling is
 * suppressed as well (complementary suppression).
 */
export function suppressSiblings(rule: SuppressionRule, siblings: readonly SuppressionCandidate[], parentPublished: boolean): Set<string> {
  const suppressed = new Set<string>();
  for (const cell of siblings) {
    if (isPrimarySuppressed(rule, cell)) suppressed.add(cell.areaKey);
  }
  if (suppressed.size !== 1 || !parentPublished) return suppressed;

  let complement: SuppressionCandidate | null = null;
  let complementCount = Infinity;
  for (const cell of siblings) {
    if (suppressed.has(cell.areaKey)) continue;
    const count = disclosiveCount(rule, cell);
    if (count === null) continue;
    if (count < complementCount || (count === complementCount && complement && cell.areaKey < complement.areaKey)) {
      complement = cell;
      complementCount = count;
    }
  }
  if (complement) suppressed.add(complement.areaKey);
  return suppressed;
}
