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

export interface HierarchyCandidate extends SuppressionCandidate {
  parentKey: string | null;
}

/**
 * Suppression over a whole area hierarchy (city, districts, neighbourhoods). Every parent
 * with a value is an equation "parent = sum of children"; whenever exactly one of its
 * terms is hidden, that term could be worked out, so one more is hidden: the smallest
 * visible child, or the parent itself when no child is left. Hiding a cell can expose it
 * through the equation one level down or up, so this repeats until nothing changes.
 * On two levels this is exactly `suppressSiblings`.
 */
export function protectHierarchy(rule: SuppressionRule, cells: readonly HierarchyCandidate[]): Set<string> {
  const hidden = new Set<string>();
  const byKey = new Map(cells.map((c) => [c.areaKey, c]));
  const children = new Map<string, HierarchyCandidate[]>();
  for (const cell of cells) {
    if (isPrimarySuppressed(rule, cell)) hidden.add(cell.areaKey);
    if (cell.parentKey === null) continue;
    const list = children.get(cell.parentKey) ?? [];
    list.push(cell);
    children.set(cell.parentKey, list);
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const [parentKey, kids] of children) {
      const parent = byKey.get(parentKey);
      if (!parent || (parent.value === null && !hidden.has(parentKey))) continue;
      const unknowns = kids.filter((k) => hidden.has(k.areaKey)).length + (hidden.has(parentKey) ? 1 : 0);
      if (unknowns !== 1) continue;
      let complement: HierarchyCandidate | null = null;
      let complementCount = Infinity;
      for (const kid of kids) {
        if (hidden.has(kid.areaKey)) continue;
        const count = disclosiveCount(rule, kid);
        if (count === null) continue;
        if (count < complementCount || (count === complementCount && complement && kid.areaKey < complement.areaKey)) {
          complement = kid;
          complementCount = count;
        }
      }
      if (complement) hidden.add(complement.areaKey);
      else if (!hidden.has(parentKey)) hidden.add(parentKey);
      else continue;
      changed = true;
    }
  }
  return hidden;
}
