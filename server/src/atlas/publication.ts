import { aggregateHierarchy, protectHierarchy, roundTo, type AreaLevel, type ValueCell } from '@lagebild/shared';
import type { IndicatorRow, ValueRow } from './atlas.repository.js';

export interface AreaNode {
  key: string;
  level: AreaLevel;
  parentKey: string | null;
}

export interface PublishedCell extends ValueCell {
  /** Aggregated from the children because no value was delivered for the area itself. */
  computed: boolean;
}

type Indicator = Pick<IndicatorRow, 'kind' | 'rateFactor' | 'suppressionThreshold' | 'decimals'>;

/**
 * Turns the stored values of one indicator and period into what a caller may see:
 * missing values are aggregated up the whole hierarchy from the children, and for callers
 * without the raw-data right every disclosive cell, plus complements wherever a hidden
 * cell could be recovered from a parent or child total on any level, is replaced by
 * "suppressed". The map, tables, profiles and
 * exports all go through here, so they can never disagree about what is published.
 */
export function publishPeriod(
  indicator: Indicator,
  rows: readonly ValueRow[],
  areas: readonly AreaNode[],
  rawData: boolean,
): Map<string, PublishedCell> {
  const { parentOf, childrenOf, depthOf } = hierarchyOf(areas);
  // Delivered rows as they are (no copies: a profile publishes a few hundred periods of
  // every area), plus the rows computed below for areas nothing was delivered for.
  const byArea = new Map<string, ValueRow>();
  for (const row of rows) byArea.set(row.areaKey, row);
  const computedKeys = new Set<string>();

  // Areas without a delivered value are aggregated bottom-up (neighbourhoods → districts →
  // city). A value withheld at the source counts as missing, so no parent reveals it.
  const delivered = new Map<string, ValueRow | typeof WITHHELD>();
  for (const row of rows) delivered.set(row.areaKey, row.isSuppressed ? WITHHELD : row);
  const aggregated = aggregateHierarchy(indicator, areas, delivered);
  const toCompute = [...aggregated].filter(([key, v]) => v.computed && !byArea.has(key)).map(([key]) => key);
  // Deepest first, so a parent's flags see those of its computed children.
  for (const key of toCompute.sort((a, b) => depthOf(b) - depthOf(a))) {
    const aggregate = aggregated.get(key)!;
    const kids = (childrenOf.get(key) ?? []).map((child) => byArea.get(child)!);
    byArea.set(key, {
      indicatorId: rows[0]!.indicatorId,
      areaKey: key,
      period: rows[0]!.period,
      value: roundTo(aggregate.value, indicator.decimals),
      numerator: aggregate.numerator,
      denominator: aggregate.denominator,
      isSuppressed: false,
      isEstimated: kids.some((r) => r.isEstimated),
      isProvisional: kids.some((r) => r.isProvisional),
    });
    computedKeys.add(key);
  }

  const rule = { kind: indicator.kind, suppressionThreshold: indicator.suppressionThreshold };
  const suppressed = new Set<string>();
  if (rawData) {
    for (const row of byArea.values()) if (row.isSuppressed) suppressed.add(row.areaKey);
  } else {
    const cells = [...byArea.values()].map((r) => ({
      areaKey: r.areaKey,
      parentKey: parentOf.get(r.areaKey) ?? null,
      value: r.value,
      numerator: r.numerator,
      sourceSuppressed: r.isSuppressed,
    }));
    for (const key of protectHierarchy(rule, cells)) suppressed.add(key);
  }

  const cells = new Map<string, PublishedCell>();
  for (const row of byArea.values()) {
    const isSuppressed = suppressed.has(row.areaKey);
    const cell: PublishedCell = {
      value: isSuppressed ? null : row.value,
      suppressed: isSuppressed,
      estimated: row.isEstimated,
      provisional: row.isProvisional,
      computed: computedKeys.has(row.areaKey),
    };
    if (rawData && indicator.kind === 'rate' && !isSuppressed) {
      cell.numerator = row.numerator;
      cell.denominator = row.denominator;
    }
    cells.set(row.areaKey, cell);
  }
  return cells;
}

const WITHHELD = { value: null, numerator: null, denominator: null } as const;

interface Hierarchy {
  parentOf: Map<string, string | null>;
  childrenOf: Map<string, string[]>;
  depthOf: (key: string) => number;
}

/** One index of the area tree per area list: a profile publishes every period over the same list. */
const hierarchies = new WeakMap<readonly AreaNode[], Hierarchy>();

function hierarchyOf(areas: readonly AreaNode[]): Hierarchy {
  const known = hierarchies.get(areas);
  if (known) return known;
  const parentOf = new Map<string, string | null>();
  const childrenOf = new Map<string, string[]>();
  for (const area of areas) {
    parentOf.set(area.key, area.parentKey);
    if (area.parentKey === null) continue;
    const list = childrenOf.get(area.parentKey);
    if (list) list.push(area.key);
    else childrenOf.set(area.parentKey, [area.key]);
  }
  const depthOf = (key: string): number => {
    let depth = 0;
    for (let p = parentOf.get(key) ?? null; p !== null && depth < 16; p = parentOf.get(p) ?? null) depth++;
    return depth;
  };
  const hierarchy = { parentOf, childrenOf, depthOf };
  hierarchies.set(areas, hierarchy);
  return hierarchy;
}

export const MISSING_CELL: PublishedCell = { value: null, suppressed: false, estimated: false, provisional: false, computed: false };
