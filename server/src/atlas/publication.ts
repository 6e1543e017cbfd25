import { aggregateValues, isPrimarySuppressed, roundTo, suppressSiblings, type AreaLevel, type ValueCell } from '@lagebild/shared';
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
 * missing parent values are aggregated from their children, and for callers without the
 * raw-data right every disclosive cell, plus a complement where one suppressed cell could
 * be recovered from its parent, is replaced by "suppressed". The map, tables, profiles and
 * exports all go through here, so they can never disagree about what is published.
 */
export function publishPeriod(
  indicator: Indicator,
  rows: readonly ValueRow[],
  areas: readonly AreaNode[],
  rawData: boolean,
): Map<string, PublishedCell> {
  const byArea = new Map(rows.map((r) => [r.areaKey, { ...r, computed: false }]));
  const children = new Map<string, AreaNode[]>();
  for (const area of areas) {
    if (!area.parentKey) continue;
    const list = children.get(area.parentKey) ?? [];
    list.push(area);
    children.set(area.parentKey, list);
  }

  for (const [parentKey, kids] of children) {
    if (byArea.has(parentKey)) continue;
    const kidRows = kids.map((k) => byArea.get(k.key));
    if (kidRows.some((r) => !r || r.isSuppressed)) continue;
    const aggregate = aggregateValues(indicator, kidRows as ValueRow[]);
    if (!aggregate) continue;
    byArea.set(parentKey, {
      indicatorId: rows[0]!.indicatorId,
      areaKey: parentKey,
      period: rows[0]!.period,
      value: roundTo(aggregate.value, indicator.decimals),
      numerator: aggregate.numerator,
      denominator: aggregate.denominator,
      isSuppressed: false,
      isEstimated: kidRows.some((r) => r!.isEstimated),
      isProvisional: kidRows.some((r) => r!.isProvisional),
      computed: true,
    });
  }

  const rule = { kind: indicator.kind, suppressionThreshold: indicator.suppressionThreshold };
  const candidate = (r: ValueRow) => ({ areaKey: r.areaKey, value: r.value, numerator: r.numerator, sourceSuppressed: r.isSuppressed });
  const suppressed = new Set<string>();
  for (const row of byArea.values()) {
    if (row.isSuppressed || (!rawData && isPrimarySuppressed(rule, candidate(row)))) suppressed.add(row.areaKey);
  }
  if (!rawData) {
    for (const [parentKey, kids] of children) {
      const parent = byArea.get(parentKey);
      const parentPublished = !!parent && parent.value !== null && !suppressed.has(parentKey);
      const siblings = kids.map((k) => byArea.get(k.key)).filter((r): r is NonNullable<typeof r> => !!r);
      for (const key of suppressSiblings(rule, siblings.map(candidate), parentPublished)) suppressed.add(key);
    }
  }

  const cells = new Map<string, PublishedCell>();
  for (const row of byArea.values()) {
    const isSuppressed = suppressed.has(row.areaKey);
    const cell: PublishedCell = {
      value: isSuppressed ? null : row.value,
      suppressed: isSuppressed,
      estimated: row.isEstimated,
      provisional: row.isProvisional,
      computed: row.computed,
    };
    if (rawData && indicator.kind === 'rate' && !isSuppressed) {
      cell.numerator = row.numerator;
      cell.denominator = row.denominator;
    }
    cells.set(row.areaKey, cell);
  }
  return cells;
}

export const MISSING_CELL: PublishedCell = { value: null, suppressed: false, estimated: false, provisional: false, computed: false };
