/**
 * Composite social index in the style of Berlin's "Monitoring Soziale Stadtentwicklung":
 * every component indicator is z-standardised across the areas of one period, oriented so
 * that a higher value means more disadvantage, combined with weights, and the sum is
 * standardised again so that classes can be drawn in standard deviations. The dynamics
 * index does the same with each component's change between two periods.
 *
 * Areas missing any component are left out (never imputed): an index built on guessed
 * values would rank a district on figures nobody delivered.
 */

export interface Standardised {
  mean: number;
  /** Population standard deviation; 0 when all values are equal. */
  sd: number;
  z: Map<string, number>;
}

/** z = (x − mean) / sd; all zeros when the values do not vary. */
export function zStandardise(values: ReadonlyMap<string, number>): Standardised {
  const n = values.size;
  if (n === 0) return { mean: 0, sd: 0, z: new Map() };
  let sum = 0;
  for (const v of values.values()) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of values.values()) squares += (v - mean) ** 2;
  const sd = Math.sqrt(squares / n);
  // Relative tolerance: float noise in equal values must not become a huge z-score.
  const flat = sd <= 1e-12 * Math.max(1, Math.abs(mean));
  const z = new Map<string, number>();
  for (const [key, v] of values) z.set(key, flat ? 0 : (v - mean) / sd);
  return { mean, sd: flat ? 0 : sd, z };
}

export interface IndexComponent {
  /** The indicator's key, for messages. */
  key: string;
  weight: number;
  /** +1 when a higher value means more disadvantage, −1 when it means less. */
  sign: 1 | -1;
}

export interface ComponentValues extends IndexComponent {
  values: ReadonlyMap<string, number | null | undefined>;
}

export interface IndexResult {
  /** Standardised index per area (mean 0, sd 1 across the areas that have one). */
  index: Map<string, number>;
  /** Areas left out because a component value is missing. */
  incomplete: string[];
}

/** Smallest number of areas a z-score is computed over; fewer say nothing about spread. */
export const MIN_AREAS_FOR_INDEX = 3;

/**
 * The status index of one period. Returns an empty index when fewer than
 * MIN_AREAS_FOR_INDEX areas have every component.
 */
export function compositeIndex(components: readonly ComponentValues[], areaKeys: readonly string[]): IndexResult {
  const complete: string[] = [];
  const incomplete: string[] = [];
  for (const area of areaKeys) {
    const ok = components.every((c) => {
      const v = c.values.get(area);
      return typeof v === 'number' && Number.isFinite(v);
    });
    (ok ? complete : incomplete).push(area);
  }
  if (components.length === 0 || complete.length < MIN_AREAS_FOR_INDEX) return { index: new Map(), incomplete: [...areaKeys] };

  const totalWeight = components.reduce((s, c) => s + c.weight, 0);
  const raw = new Map<string, number>(complete.map((a) => [a, 0]));
  for (const component of components) {
    const { z } = zStandardise(new Map(complete.map((a) => [a, component.values.get(a) as number])));
    for (const area of complete) raw.set(area, raw.get(area)! + (component.weight / totalWeight) * component.sign * z.get(area)!);
  }
  return { index: zStandardise(raw).z, incomplete };
}

/** The dynamics index: the same combination over each component's change from `from` to `to`. */
export function dynamicsIndex(
  components: ReadonlyArray<
    IndexComponent & { from: ReadonlyMap<string, number | null | undefined>; to: ReadonlyMap<string, number | null | undefined> }
  >,
  areaKeys: readonly string[],
): IndexResult {
  return compositeIndex(
    components.map((c) => ({
      key: c.key,
      weight: c.weight,
      sign: c.sign,
      values: new Map(
        areaKeys.map((a) => {
          const from = c.from.get(a);
          const to = c.to.get(a);
          return [a, typeof from === 'number' && typeof to === 'number' ? to - from : null];
        }),
      ),
    })),
    areaKeys,
  );
}

/** Berlin's thresholds in standard deviations: status 4 classes, dynamics 3. */
export const STATUS_CLASS_THRESHOLDS: readonly number[] = [-1, 1, 1.5];
export const DYNAMICS_CLASS_THRESHOLDS: readonly number[] = [-1, 1];

/**
 * Class 1 … thresholds.length + 1, counting the thresholds the value lies above; a value
 * on a threshold belongs to the better (lower) class. Thresholds must be ascending.
 */
export function assignIndexClass(value: number, thresholds: readonly number[]): number {
  let cls = 1;
  for (const t of thresholds) if (value > t) cls++;
  return cls;
}

/** The orientation a component gets from its indicator's polarity; neutral ones need a choice. */
export function signFromPolarity(polarity: 'higher_is_better' | 'higher_is_worse' | 'neutral'): 1 | -1 | null {
  if (polarity === 'higher_is_worse') return 1;
  if (polarity === 'higher_is_better') return -1;
  return null;
}
