import { describe, expect, it } from '@jest/globals';
import type { Position } from '@lagebild/shared';
import { planAreas } from './area-plan.js';
import { GeometryProblem, pointInPolygon, prepareGeometry, signedArea } from './geometry.js';
import { projectorFor } from './reprojection.js';

const wgs84 = projectorFor('EPSG:4326');

/** A detailed boundary: a circle of 2,000 points around Gladbeck's centre. */
function circle(points: number, clockwise = false): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < points; i++) {
    const a = ((clockwise ? -1 : 1) * 2 * Math.PI * i) / points;
    ring.push([6.985 + 0.01 * Math.cos(a), 51.571 + 0.006 * Math.sin(a)]);
  }
  ring.push(ring[0]!);
  return ring;
}

describe('prepareGeometry', () => {
  it('keeps the original and stores a much simpler display copy of a detailed boundary', () => {
    const prepared = prepareGeometry({ type: 'Polygon', coordinates: [circle(2000)] }, wgs84);
    expect(prepared.vertices).toBe(2001);
    expect(prepared.displayVertices).toBeLessThan(prepared.vertices / 5);
    expect(prepared.displayVertices).toBeGreaterThan(10);
    expect(prepared.bbox.map((v) => Math.round(v * 1000) / 1000)).toEqual([6.975, 51.565, 6.995, 51.577]);
    expect(pointInPolygon(prepared.centroid, (prepared.geometry as { coordinates: Position[][] }).coordinates)).toBe(true);
  });

  it('turns outer rings counter-clockwise and holes clockwise (RFC 7946)', () => {
    const hole = circle(40).map(([x, y]) => [6.985 + (x - 6.985) / 4, 51.571 + (y - 51.571) / 4] as Position);
    const prepared = prepareGeometry({ type: 'Polygon', coordinates: [circle(100, true), hole] }, wgs84);
    const [outer, inner] = (prepared.geometry as { coordinates: Position[][] }).coordinates;
    expect(signedArea(outer!)).toBeGreaterThan(0);
    expect(signedArea(inner!)).toBeLessThan(0);
  });

  it('finds a point inside a U-shaped area, where the centroid lies outside', () => {
    const u: Position[] = [
      [0, 0],
      [3, 0],
      [3, 3],
      [2, 3],
      [2, 1],
      [1, 1],
      [1, 3],
      [0, 3],
      [0, 0],
    ];
    const prepared = prepareGeometry({ type: 'Polygon', coordinates: [u] }, wgs84);
    expect(pointInPolygon(prepared.centroid, [u])).toBe(true);
  });

  it('refuses what is no area boundary, saying what is wrong', () => {
    const problem = (geometry: unknown) => {
      try {
        prepareGeometry(geometry, wgs84);
        return null;
      } catch (error) {
        expect(error).toBeInstanceOf(GeometryProblem);
        return (error as Error).message;
      }
    };
    expect(problem(null)).toBe('Geometrie fehlt.');
    expect(problem({ type: 'Point', coordinates: [7, 51] })).toMatch(/Punkte sind keine Gebietsgrenzen/);
    expect(problem({ type: 'LineString', coordinates: [] })).toMatch(/Linien/);
    expect(problem({ type: 'Polygon', coordinates: [] })).toBe('Fläche 1 ist leer.');
    expect(problem({ type: 'MultiPolygon', coordinates: [] })).toBe('Die MultiPolygon-Geometrie ist leer.');
    expect(
      problem({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ],
        ],
      }),
    ).toBe('Ring 1 von Fläche 1 ist nicht geschlossen (erster und letzter Punkt verschieden).');
    expect(
      problem({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [0, 0],
          ],
        ],
      }),
    ).toBe('Ring 1 von Fläche 1 hat weniger als vier Punkte.');
    expect(
      problem({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            ['a', 0],
            [1, 1],
            [0, 0],
          ],
        ],
      }),
    ).toMatch(/ungültige Koordinate/);
    expect(
      problem({
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [1, 1],
            [2, 2],
            [0, 0],
          ],
        ],
      }),
    ).toMatch(/keine Fläche/);
    expect(
      problem({
        type: 'Polygon',
        coordinates: [
          [
            [361234, 5712345],
            [361334, 5712345],
            [361334, 5712445],
            [361234, 5712345],
          ],
        ],
      }),
    ).toMatch(/außerhalb der Erde/);
  });

  it('says what is wrong in English too', () => {
    const open: Position[] = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ];
    let caught: unknown;
    try {
      prepareGeometry({ type: 'Polygon', coordinates: [open] }, wgs84);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GeometryProblem);
    const problem = caught as GeometryProblem;
    expect(problem.message).toBe(problem.text.de);
    expect(problem.text.en).toContain('not closed');
  });

  it('reaches the plan report in both languages, with the area it belongs to', () => {
    const { areas, problems } = planAreas(
      [{ number: 2, properties: { key: 'mitte', name: 'Mitte' }, geometry: { type: 'Point', coordinates: [7, 51] } }],
      { level: 'city', keyProperty: 'key', nameProperty: 'name' },
      [],
      wgs84,
    );
    expect(areas).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.column).toBe('geometry');
    expect(problems[0]!.message.de).toMatch(/^Gebiet 2: Punkte sind keine Gebietsgrenzen/);
    expect(problems[0]!.message.en).toMatch(/^Area 2: Points are not area boundaries/);
  });

  it('accepts MultiPolygons', () => {
    const a = circle(20);
    const b = a.map(([x, y]) => [x + 0.05, y] as Position);
    const prepared = prepareGeometry({ type: 'MultiPolygon', coordinates: [[a], [b]] }, wgs84);
    expect(prepared.geometry.type).toBe('MultiPolygon');
    expect(prepared.bbox[2]).toBeGreaterThan(7.04);
  });
});
