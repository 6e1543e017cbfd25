import type { AreaGeometry, BBox, Position } from '@lagebild/shared';
import simplify from 'simplify-js';
import { bilingual, type Bilingual } from '../import-language.js';
import type { Projector } from './reprojection.js';

/** Display geometry tolerance in degrees (about 3–5 m in Germany): invisible at district scale. */
export const DISPLAY_TOLERANCE = 0.00004;

export type Polygon = Position[][];

export interface PreparedGeometry {
  geometry: AreaGeometry;
  display: AreaGeometry;
  bbox: BBox;
  centroid: Position;
  vertices: number;
  displayVertices: number;
}

/** Why a geometry is no usable area boundary, for the steward in both UI languages. */
export class GeometryProblem extends Error {
  constructor(readonly text: Bilingual) {
    super(text.de);
    this.name = 'GeometryProblem';
  }
}

/**
 * Validates a GeoJSON geometry as an area boundary (Polygon or MultiPolygon, rings closed,
 * at least three distinct corners, finite coordinates), reprojects it to WGS84, orients it
 * as RFC 7946 asks, and derives the simplified display copy, bbox and an inner point.
 */
export function prepareGeometry(input: unknown, project: Projector): PreparedGeometry {
  const polygons = readPolygons(input);
  const projected = polygons.map((polygon, p) =>
    polygon.map((ring, r) => {
      const out = ring.map((position) => {
        const [lon, lat] = project(position);
        if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
          throw new GeometryProblem(
            bilingual(
              `Koordinate (${position.join(' / ')}) liegt nach der Umrechnung außerhalb der Erde – stimmt das Koordinatensystem?`,
              `Coordinate (${position.join(' / ')}) lies outside the earth after conversion – is the coordinate reference system right?`,
            ),
          );
        }
        return [round(lon), round(lat)] as Position;
      });
      if (Math.abs(signedArea(out)) < 1e-14)
        throw new GeometryProblem(bilingual(`Ring ${r + 1} von Fläche ${p + 1} hat keine Fläche.`, `Ring ${r + 1} of polygon ${p + 1} has no area.`));
      // Outer rings counter-clockwise, holes clockwise.
      const wantPositive = r === 0;
      return signedArea(out) > 0 === wantPositive ? out : [...out].reverse();
    }),
  );
  const display = projected.map((polygon) => {
    const rings: Position[][] = [];
    polygon.forEach((ring, r) => {
      const simplified = simplifyRing(ring);
      if (simplified) rings.push(simplified);
      else if (r === 0) rings.push(ring);
    });
    return rings;
  });
  const geometry = toGeometry(projected);
  const displayGeometry = toGeometry(display);
  const count = (g: Polygon[]) => g.reduce((s, p) => s + p.reduce((t, ring) => t + ring.length, 0), 0);
  return {
    geometry,
    display: displayGeometry,
    bbox: bboxOf(projected),
    centroid: innerPoint(projected),
    vertices: count(projected),
    displayVertices: count(display),
  };
}

function toGeometry(polygons: Polygon[]): AreaGeometry {
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
}

function round(n: number): number {
  return Math.round(n * 1e7) / 1e7;
}

function readPolygons(input: unknown): Polygon[] {
  if (!input || typeof input !== 'object') throw new GeometryProblem(bilingual('Geometrie fehlt.', 'Geometry is missing.'));
  const { type, coordinates } = input as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon') return [readPolygon(coordinates, 1)];
  if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0)
      throw new GeometryProblem(bilingual('Die MultiPolygon-Geometrie ist leer.', 'The MultiPolygon geometry is empty.'));
    return coordinates.map((polygon, i) => readPolygon(polygon, i + 1));
  }
  if (type === 'Point' || type === 'MultiPoint')
    throw new GeometryProblem(
      bilingual(
        'Punkte sind keine Gebietsgrenzen; erwartet werden Flächen (Polygon).',
        'Points are not area boundaries; polygons (Polygon) are expected.',
      ),
    );
  if (type === 'LineString' || type === 'MultiLineString') {
    throw new GeometryProblem(
      bilingual(
        'Linien sind keine Gebietsgrenzen; erwartet werden geschlossene Flächen (Polygon).',
        'Lines are not area boundaries; closed polygons (Polygon) are expected.',
      ),
    );
  }
  throw new GeometryProblem(
    bilingual(
      `Geometrietyp ‚${String(type)}‘ wird nicht unterstützt; erwartet werden Polygon oder MultiPolygon.`,
      `Geometry type ‘${String(type)}’ is not supported; Polygon or MultiPolygon is expected.`,
    ),
  );
}

function readPolygon(coordinates: unknown, index: number): Polygon {
  if (!Array.isArray(coordinates) || coordinates.length === 0)
    throw new GeometryProblem(bilingual(`Fläche ${index} ist leer.`, `Polygon ${index} is empty.`));
  return coordinates.map((ring, r) => {
    if (!Array.isArray(ring))
      throw new GeometryProblem(
        bilingual(`Ring ${r + 1} von Fläche ${index} ist keine Koordinatenliste.`, `Ring ${r + 1} of polygon ${index} is not a list of coordinates.`),
      );
    const positions = ring.map((p) => {
      if (
        !Array.isArray(p) ||
        p.length < 2 ||
        typeof p[0] !== 'number' ||
        typeof p[1] !== 'number' ||
        !Number.isFinite(p[0]) ||
        !Number.isFinite(p[1])
      ) {
        throw new GeometryProblem(
          bilingual(
            `Ring ${r + 1} von Fläche ${index} enthält eine ungültige Koordinate.`,
            `Ring ${r + 1} of polygon ${index} contains an invalid coordinate.`,
          ),
        );
      }
      return [p[0], p[1]] as Position;
    });
    if (positions.length < 4)
      throw new GeometryProblem(
        bilingual(`Ring ${r + 1} von Fläche ${index} hat weniger als vier Punkte.`, `Ring ${r + 1} of polygon ${index} has fewer than four points.`),
      );
    const first = positions[0]!;
    const last = positions.at(-1)!;
    if (first[0] !== last[0] || first[1] !== last[1])
      throw new GeometryProblem(
        bilingual(
          `Ring ${r + 1} von Fläche ${index} ist nicht geschlossen (erster und letzter Punkt verschieden).`,
          `Ring ${r + 1} of polygon ${index} is not closed (first and last point differ).`,
        ),
      );
    return positions;
  });
}

/** Shoelace formula; positive for counter-clockwise rings. */
export function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return sum / 2;
}

function simplifyRing(ring: Position[]): Position[] | null {
  const simplified = simplify(
    ring.map(([x, y]) => ({ x, y })),
    DISPLAY_TOLERANCE,
    true,
  ).map((p) => [p.x, p.y] as Position);
  // A ring that collapses keeps its original shape (outer) or is dropped (small holes).
  if (simplified.length < 4 || Math.abs(signedArea(simplified)) < 1e-12) return null;
  return simplified;
}

function bboxOf(polygons: Polygon[]): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const polygon of polygons) {
    for (const [x, y] of polygon[0]!) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  return [minX, minY, maxX, maxY];
}

export function pointInPolygon(point: Position, polygon: Polygon): boolean {
  const inRing = (ring: Position[]) => {
    let inside = false;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };
  return inRing(polygon[0]!) && !polygon.slice(1).some(inRing);
}

export function pointInGeometry(point: Position, geometry: AreaGeometry): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.some((polygon) => pointInPolygon(point, polygon));
}

/**
 * A point inside the largest polygon, for labels: its centroid when that lies inside,
 * otherwise the middle of the widest inner stretch of the horizontal line through it.
 */
function innerPoint(polygons: Polygon[]): Position {
  const largest = polygons.reduce((best, p) => (Math.abs(signedArea(p[0]!)) > Math.abs(signedArea(best[0]!)) ? p : best));
  const ring = largest[0]!;
  let cx = 0;
  let cy = 0;
  let a = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i]!;
    const [x1, y1] = ring[i + 1]!;
    const f = x0 * y1 - x1 * y0;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
    a += f;
  }
  const centroid: Position = a === 0 ? ring[0]! : [round(cx / (3 * a)), round(cy / (3 * a))];
  if (pointInPolygon(centroid, largest)) return centroid;
  const y = centroid[1];
  const xs: number[] = [];
  for (const r of largest) {
    for (let i = 0; i < r.length - 1; i++) {
      const [x0, y0] = r[i]!;
      const [x1, y1] = r[i + 1]!;
      if (y0 > y !== y1 > y) xs.push(x0 + ((y - y0) * (x1 - x0)) / (y1 - y0));
    }
  }
  xs.sort((p, q) => p - q);
  let best: Position = centroid;
  let width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1]! - xs[i]! > width) {
      width = xs[i + 1]! - xs[i]!;
      best = [round((xs[i]! + xs[i + 1]!) / 2), y];
    }
  }
  return best;
}
