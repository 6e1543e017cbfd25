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

export interface HierarchyNode {
  key: string;
  parentKey: string | null;
}

export interface HierarchyValue extends AggregatedValue {
  /** Computed from the children rather than delivered. */
  computed: boolean;
}

/**
 * Fills in every area without a delivered value from its children, bottom up, so that a
 * city value appears even when only neighbourhoods were delivered. Delivered values are
 * never replaced, and an area stays empty when any of its children has no value (a sum
 * over some districts is not the city). Cycles in the hierarchy are ignored, not followed.
 */
export function aggregateHierarchy(
  rule: AggregationRule,
  nodes: readonly HierarchyNode[],
  delivered: ReadonlyMap<string, AggregatableValue>,
): Map<string, HierarchyValue> {
  const children = new Map<string, string[]>();
  for (const node of nodes) {
    if (node.parentKey === null) continue;
    const list = children.get(node.parentKey) ?? [];
    list.push(node.key);
    children.set(node.parentKey, list);
  }
  const result = new Map<string, HierarchyValue>();
  const visiting = new Set<string>();
  const done = new Set<string>();

  const visit = (key: string): HierarchyValue | undefined => {
    if (done.has(key)) return result.get(key);
    if (visiting.has(key)) return undefined;
    visiting.add(key);
    let value: HierarchyValue | undefined;
    const own = delivered.get(key);
    const kids = children.get(key) ?? [];
    const kidValues = kids.map(visit);
    if (own) {
      // A delivered row without a value (withheld at the source) is not recomputed from below.
      if (own.value !== null && Number.isFinite(own.value)) {
        value = { value: own.value, numerator: own.numerator, denominator: own.denominator, computed: false };
      }
    } else if (kids.length > 0 && kidValues.every((v) => v !== undefined)) {
      const aggregate = aggregateValues(rule, kidValues as HierarchyValue[]);
      if (aggregate) value = { ...aggregate, computed: true };
    }
    visiting.delete(key);
    done.add(key);
    if (value) result.set(key, value);
    return value;
  };
  for (const node of nodes) visit(node.key);
  return result;
}
