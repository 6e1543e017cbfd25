// Seed data shapes. They are kept independent of the server entities so that the seed data
// can be generated, tested and reviewed without a database; the runner maps them onto rows.

/** WGS84 position in GeoJSON order: [longitude, latitude]. */
export type Position = [lon: number, lat: number];

/** [minLon, minLat, maxLon, maxLat]. */
export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

/** Closed ring: the first and last positions are identical. */
export type LinearRing = Position[];

export interface PolygonGeometry {
  type: 'Polygon';
  /** Outer ring counter-clockwise, holes clockwise (RFC 7946). */
  coordinates: LinearRing[];
}

export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: LinearRing[][];
}

export type SeedGeometry = PolygonGeometry | MultiPolygonGeometry;

export interface SeedCity {
  key: string;
  name: string;
  population2012: number;
}

export interface SeedDistrict {
  key: string;
  name: string;
  /** Register population on 30 June 2012. */
  population2012: number;
  /** Share of foreign nationals on 30 June 2012, in percent. */
  foreignShare2012: number;
  /** Rough position the demo Voronoi cell is grown around; not an official centroid. */
  site: Position;
}

export type SeedAreaLevel = 'city' | 'district';

export interface SeedArea {
  key: string;
  name: string;
  level: SeedAreaLevel;
  parentKey: string | null;
  geometry: SeedGeometry;
  bbox: BBox;
  /** Lies inside the geometry, so labels and markers placed on it never float outside. */
  centroid: Position;
}

export interface SeedTopic {
  key: string;
  nameDe: string;
  nameEn: string;
  sortOrder: number;
}

export interface SeedDepartment {
  code: string;
  name: string;
  /** English name, shown on English pages. */
  nameEn: string;
  shortName: string;
  /** English short name, shown on English pages. */
  shortNameEn: string;
}

export type SeedPolarity = 'higher_is_better' | 'higher_is_worse' | 'neutral';
export type SeedUpdateCycle = 'yearly' | 'half-yearly' | 'quarterly' | 'monthly' | 'irregular';
export type SeedIndicatorKind = 'count' | 'rate';

export interface SeedIndicator {
  key: string;
  name: string;
  nameEn: string;
  definition: string;
  /** English counterpart of `definition`, shown on English pages. */
  definitionEn: string;
  unit: string;
  topicKey: string;
  source: string;
  /** English counterpart of `source`; must flag synthetic data just as clearly as the German text. */
  sourceEn: string;
  departmentCode: string;
  polarity: SeedPolarity;
  decimals: number;
  updateCycle: SeedUpdateCycle;
  /** ISO date (YYYY-MM-DD). */
  lastUpdate: string;
  kind: SeedIndicatorKind;
  numeratorLabel?: string;
  /** English counterpart of `numeratorLabel`; set whenever that is set. */
  numeratorLabelEn?: string;
  denominatorLabel?: string;
  /** English counterpart of `denominatorLabel`; set whenever that is set. */
  denominatorLabelEn?: string;
  /** value = numerator / denominator · rateFactor for rates; null for counts. */
  rateFactor: number | null;
  /** Smallest disclosable count (the value of a count, the numerator of a rate); null disables suppression. */
  suppressionThreshold: number | null;
  isPublic: boolean;
}

export interface SeedValue {
  indicatorKey: string;
  areaKey: string;
  /** Calendar year, 'YYYY'. */
  period: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  estimated?: boolean;
  provisional?: boolean;
}
