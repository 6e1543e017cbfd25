import { GLADBECK_CITY, GLADBECK_DISTRICTS } from './districts.js';
import type { BBox, LinearRing, Position, SeedArea } from './types.js';

export const DEMO_GEOMETRY_NOTE = 'Näherungsweise Demo-Geometrie (Voronoi-Zellen), keine amtlichen Grenzen';
export const DEMO_GEOMETRY_NOTE_EN = 'Approximate demo geometry (Voronoi cells), not official boundaries';

/**
 * Hand-drawn approximation of the city boundary, counter-clockwise, not closed. Irregular and
 * mildly concave so the demo map does not look like a box, but only mildly: half-plane clipping
 * of a strongly concave outline could split a cell into pieces (buildGladbeckAreas checks this).
 */
export const GLADBECK_OUTLINE: readonly Position[] = [
  [6.93, 51.548],
  [6.948, 51.541],
  [6.968, 51.543],
  [6.984, 51.536],
  [7.003, 51.537],
  [7.016, 51.545],
  [7.024, 51.556],
  [7.028, 51.569],
  [7.021, 51.58],
  [7.026, 51.592],
  [7.019, 51.604],
  [7.004, 51.611],
  [6.987, 51.614],
  [6.972, 51.609],
  [6.958, 51.604],
  [6.941, 51.601],
  [6.927, 51.592],
  [6.922, 51.579],
  [6.929, 51.569],
  [6.923, 51.558],
];

const COORDINATE_DECIMALS = 6;

// One degree of longitude is shorter than one of latitude by cos(latitude); scaling by the
// cosine at the city's latitude makes the plane locally isotropic, so bisectors and areas
// computed in it match the ground.
const REFERENCE_LATITUDE = 51.57;
const LONGITUDE_SCALE = Math.cos((REFERENCE_LATITUDE * Math.PI) / 180);

/** [x, y] in the locally equirectangular plane (x = lon·cos φ₀, y = lat). */
type PlanePoint = [x: number, y: number];

function toPlane([lon, lat]: Position): PlanePoint {
  return [lon * LONGITUDE_SCALE, lat];
}

function fromPlane([x, y]: PlanePoint): Position {
  return [x / LONGITUDE_SCALE, y];
}

function roundCoordinate(value: number): number {
  return Number(value.toFixed(COORDINATE_DECIMALS));
}

/**
 * Sutherland–Hodgman step for one half-plane: keeps the part of the polygon that is at least
 * as close to `own` as to `other`.
 */
function clipToBisector(polygon: PlanePoint[], own: PlanePoint, other: PlanePoint): PlanePoint[] {
  const normal: PlanePoint = [other[0] - own[0], other[1] - own[1]];
  const midpoint: PlanePoint = [(own[0] + other[0]) / 2, (own[1] + other[1]) / 2];
  const side = (p: PlanePoint): number => (p[0] - midpoint[0]) * normal[0] + (p[1] - midpoint[1]) * normal[1];

  const clipped: PlanePoint[] = [];
  for (let i = 0; i < polygon.length; i++) {
    const start = polygon[(i + polygon.length - 1) % polygon.length];
    const end = polygon[i];
    const startSide = side(start);
    const endSide = side(end);
    if (endSide <= 0) {
      if (startSide > 0) clipped.push(intersect(start, end, startSide, endSide));
      clipped.push(end);
    } else if (startSide <= 0) {
      clipped.push(intersect(start, end, startSide, endSide));
    }
  }
  return clipped;
}

function intersect(start: PlanePoint, end: PlanePoint, startSide: number, endSide: number): PlanePoint {
  const t = startSide / (startSide - endSide);
  return [start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1])];
}

/** Drops the closing position if present, so ring algorithms can index cyclically. */
function openRing<T extends readonly number[]>(ring: readonly T[]): T[] {
  const last = ring.length - 1;
  const closed = ring.length > 1 && ring[0][0] === ring[last][0] && ring[0][1] === ring[last][1];
  return closed ? ring.slice(0, last) : ring.slice();
}

/** Shoelace area; positive for counter-clockwise rings. Accepts open or closed rings. */
export function signedRingArea(ring: readonly (readonly number[])[]): number {
  const points = openRing(ring);
  let twiceArea = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i];
    const [x2, y2] = points[(i + 1) % points.length];
    twiceArea += x1 * y2 - x2 * y1;
  }
  return twiceArea / 2;
}

/** Ray casting; points exactly on the boundary may fall either way. */
export function isPointInRing(point: readonly number[], ring: readonly (readonly number[])[]): boolean {
  const points = openRing(ring);
  const [px, py] = point;
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Area of a lon/lat ring in square kilometres, via the same local plane as the cells. */
export function ringAreaKm2(ring: readonly Position[]): number {
  const kmPerDegreeLatitude = 111.2;
  return Math.abs(signedRingArea(ring.map(toPlane))) * kmPerDegreeLatitude * kmPerDegreeLatitude;
}

function segmentsTouch(a: PlanePoint, b: PlanePoint, c: PlanePoint, d: PlanePoint): boolean {
  const orientation = (p: PlanePoint, q: PlanePoint, r: PlanePoint): number =>
    Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  const onSegment = (p: PlanePoint, q: PlanePoint, r: PlanePoint): boolean =>
    Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1]);
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d)) || (o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b));
}

/**
 * True when no two non-adjacent edges meet. Sutherland–Hodgman joins the pieces of a cell that
 * a concave outline splits with zero-width bridges along the clip line; such a ring is not simple.
 */
export function isSimpleRing(ring: readonly (readonly number[])[]): boolean {
  const points = openRing(ring).map(([x, y]): PlanePoint => [x, y]);
  const n = points.length;
  if (n < 3) return false;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      if (adjacent) continue;
      if (segmentsTouch(points[i], points[(i + 1) % n], points[j], points[(j + 1) % n])) return false;
    }
  }
  return true;
}

function areaWeightedCentroid(points: readonly PlanePoint[]): PlanePoint {
  let twiceArea = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i];
    const [x2, y2] = points[(i + 1) % points.length];
    const cross = x1 * y2 - x2 * y1;
    twiceArea += cross;
    cx += (x1 + x2) * cross;
    cy += (y1 + y2) * cross;
  }
  return [cx / (3 * twiceArea), cy / (3 * twiceArea)];
}

/**
 * Midpoint of the widest span where the horizontal line through `y` crosses the polygon:
 * always inside, and well away from the boundary when the line runs through the bulk.
 */
function pointOnSurface(points: readonly PlanePoint[], y: number): PlanePoint {
  const crossings: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i];
    const [x2, y2] = points[(i + 1) % points.length];
    if (y1 > y !== y2 > y) crossings.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
  }
  crossings.sort((a, b) => a - b);
  let best: PlanePoint | null = null;
  let bestWidth = -1;
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    const width = crossings[i + 1] - crossings[i];
    if (width > bestWidth) {
      bestWidth = width;
      best = [(crossings[i] + crossings[i + 1]) / 2, y];
    }
  }
  if (!best) throw new Error('pointOnSurface: line does not cross the polygon');
  return best;
}

function labelPoint(points: readonly PlanePoint[]): PlanePoint {
  const centroid = areaWeightedCentroid(points);
  if (isPointInRing(centroid, points)) return centroid;
  const ys = points.map(([, y]) => y);
  return pointOnSurface(points, (Math.min(...ys) + Math.max(...ys)) / 2);
}

function toClosedLonLatRing(points: readonly PlanePoint[]): LinearRing {
  const ring: LinearRing = [];
  for (const point of points) {
    const [lon, lat] = fromPlane(point);
    const rounded: Position = [roundCoordinate(lon), roundCoordinate(lat)];
    const previous = ring[ring.length - 1];
    if (previous && previous[0] === rounded[0] && previous[1] === rounded[1]) continue;
    ring.push(rounded);
  }
  if (ring.length > 1 && ring[0][0] === ring[ring.length - 1][0] && ring[0][1] === ring[ring.length - 1][1]) ring.pop();
  if (signedRingArea(ring) < 0) ring.reverse();
  ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

function boundingBox(ring: readonly Position[]): BBox {
  const lons = ring.map(([lon]) => lon);
  const lats = ring.map(([, lat]) => lat);
  return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)];
}

function makeArea(key: string, name: string, level: SeedArea['level'], parentKey: string | null, ring: LinearRing): SeedArea {
  if (!isSimpleRing(ring)) {
    throw new Error(`Demo geometry for ${key} is not a simple polygon; move the sites or smooth the outline`);
  }
  // Computed from the rounded ring so that the point is inside what is actually stored.
  const [lon, lat] = fromPlane(labelPoint(openRing(ring).map(toPlane)));
  return {
    key,
    name,
    level,
    parentKey,
    geometry: { type: 'Polygon', coordinates: [ring] },
    bbox: boundingBox(ring),
    centroid: [roundCoordinate(lon), roundCoordinate(lat)],
  };
}

/**
 * The city outline and one Voronoi cell per district, clipped to the outline. Approximate demo
 * shapes only (see DEMO_GEOMETRY_NOTE); an imported GeoJSON is meant to replace them.
 */
export function buildGladbeckAreas(): SeedArea[] {
  const outline = GLADBECK_OUTLINE.map(toPlane);
  const sites = GLADBECK_DISTRICTS.map((district) => toPlane(district.site));

  const city = makeArea(GLADBECK_CITY.key, GLADBECK_CITY.name, 'city', null, toClosedLonLatRing(outline));
  const districts = GLADBECK_DISTRICTS.map((district, index) => {
    let cell = outline;
    sites.forEach((other, otherIndex) => {
      if (otherIndex !== index) cell = clipToBisector(cell, sites[index], other);
    });
    if (cell.length < 3) throw new Error(`Voronoi cell of ${district.key} is empty; its site lies outside the outline`);
    return makeArea(district.key, district.name, 'district', GLADBECK_CITY.key, toClosedLonLatRing(cell));
  });
  return [city, ...districts];
}
