import { describe, expect, it } from '@jest/globals';
import { GLADBECK_CITY, GLADBECK_DISTRICTS } from './districts.js';
import { GLADBECK_OUTLINE, buildGladbeckAreas, isPointInRing, isSimpleRing, ringAreaKm2, signedRingArea } from './geometry.js';
import type { LinearRing, Position, SeedArea } from './types.js';

const CITY_BOX = { minLon: 6.92, minLat: 51.535, maxLon: 7.03, maxLat: 51.615 };

function outerRing(area: SeedArea): LinearRing {
  if (area.geometry.type !== 'Polygon') throw new Error(`${area.key}: expected a Polygon`);
  return area.geometry.coordinates[0];
}

const areas = buildGladbeckAreas();
const city = areas.find((area) => area.level === 'city');
const districtAreas = areas.filter((area) => area.level === 'district');
if (!city) throw new Error('no city area');

describe('ring helpers', () => {
  const square: Position[] = [
    [0, 0],
    [1, 0],
    [1, 1],
    [0, 1],
    [0, 0],
  ];

  it('measures counter-clockwise rings as positive', () => {
    expect(signedRingArea(square)).toBe(1);
    expect(signedRingArea([...square].reverse())).toBe(-1);
  });

  it('tells inside from outside', () => {
    expect(isPointInRing([0.5, 0.5], square)).toBe(true);
    expect(isPointInRing([1.5, 0.5], square)).toBe(false);
  });

  it('detects a ring that touches itself', () => {
    expect(isSimpleRing(square)).toBe(true);
    expect(
      isSimpleRing([
        [0, 0],
        [2, 0],
        [2, 1],
        [1, 0],
        [0, 1],
        [0, 0],
      ]),
    ).toBe(false);
  });
});

describe('buildGladbeckAreas', () => {
  it('returns the city and its ten districts', () => {
    expect(areas).toHaveLength(11);
    expect(city).toMatchObject({ key: GLADBECK_CITY.key, name: 'Gladbeck', parentKey: null });
    expect(districtAreas.map((area) => area.key)).toEqual(GLADBECK_DISTRICTS.map((district) => district.key));
    expect(districtAreas.map((area) => area.name)).toEqual(GLADBECK_DISTRICTS.map((district) => district.name));
    for (const area of districtAreas) expect(area.parentKey).toBe('gladbeck');
  });

  it('is deterministic', () => {
    expect(buildGladbeckAreas()).toEqual(areas);
  });

  it('uses an irregular outline, not a rectangle', () => {
    expect(GLADBECK_OUTLINE.length).toBeGreaterThanOrEqual(16);
    expect(GLADBECK_OUTLINE.length).toBeLessThanOrEqual(24);
    expect(outerRing(city)).toHaveLength(GLADBECK_OUTLINE.length + 1);
  });

  it.each(areas.map((area) => [area.key, area] as const))('%s has a closed, simple, counter-clockwise ring', (_key, area) => {
    const ring = outerRing(area);
    expect(area.geometry.coordinates).toHaveLength(1);
    expect(ring.length).toBeGreaterThanOrEqual(4);
    expect(ring[ring.length - 1]).toEqual(ring[0]);
    expect(signedRingArea(ring)).toBeGreaterThan(0);
    expect(isSimpleRing(ring)).toBe(true);
  });

  it('rounds coordinates to 6 decimals', () => {
    for (const area of areas) {
      for (const [lon, lat] of outerRing(area)) {
        expect(Number(lon.toFixed(6))).toBe(lon);
        expect(Number(lat.toFixed(6))).toBe(lat);
      }
    }
  });

  it('keeps every bbox inside the city box and consistent with the ring', () => {
    for (const area of areas) {
      const ring = outerRing(area);
      const [minLon, minLat, maxLon, maxLat] = area.bbox;
      expect(minLon).toBe(Math.min(...ring.map(([lon]) => lon)));
      expect(maxLat).toBe(Math.max(...ring.map(([, lat]) => lat)));
      expect(minLon).toBeGreaterThanOrEqual(CITY_BOX.minLon);
      expect(minLat).toBeGreaterThanOrEqual(CITY_BOX.minLat);
      expect(maxLon).toBeLessThanOrEqual(CITY_BOX.maxLon);
      expect(maxLat).toBeLessThanOrEqual(CITY_BOX.maxLat);
    }
  });

  it('places every centroid inside its polygon', () => {
    for (const area of areas) expect(isPointInRing(area.centroid, outerRing(area))).toBe(true);
  });

  it('puts every district site in its own cell and in no other', () => {
    GLADBECK_DISTRICTS.forEach((district, index) => {
      districtAreas.forEach((area, areaIndex) => {
        expect(isPointInRing(district.site, outerRing(area))).toBe(areaIndex === index);
      });
    });
  });

  it('tiles the outline: cell areas sum to the outline area within 0.1 %', () => {
    const outlineArea = ringAreaKm2(outerRing(city));
    const cellSum = districtAreas.reduce((sum, area) => sum + ringAreaKm2(outerRing(area)), 0);
    expect(Math.abs(cellSum - outlineArea) / outlineArea).toBeLessThan(0.001);
  });

  it('has cells that do not overlap and cover the outline', () => {
    const [minLon, minLat, maxLon, maxLat] = city.bbox;
    const steps = 150;
    let insideOutline = 0;
    let uncovered = 0;
    let overlapping = 0;
    for (let i = 0; i < steps; i++) {
      for (let j = 0; j < steps; j++) {
        // Offset by half a step so samples do not sit on the regular outline vertices.
        const point: Position = [minLon + ((i + 0.5) / steps) * (maxLon - minLon), minLat + ((j + 0.5) / steps) * (maxLat - minLat)];
        if (!isPointInRing(point, outerRing(city))) continue;
        insideOutline++;
        const hits = districtAreas.filter((area) => isPointInRing(point, outerRing(area))).length;
        if (hits === 0) uncovered++;
        if (hits > 1) overlapping++;
      }
    }
    expect(insideOutline).toBeGreaterThan(steps * steps * 0.5);
    expect(overlapping / insideOutline).toBeLessThan(0.001);
    expect(uncovered / insideOutline).toBeLessThan(0.001);
  });

  it('gives no district a tiny or dominating cell, and keeps the centre small', () => {
    const outlineArea = ringAreaKm2(outerRing(city));
    const shareOf = (key: string): number => {
      const area = districtAreas.find((candidate) => candidate.key === key);
      if (!area) throw new Error(key);
      return ringAreaKm2(outerRing(area)) / outlineArea;
    };
    for (const district of GLADBECK_DISTRICTS) {
      expect(shareOf(district.key)).toBeGreaterThan(0.04);
      expect(shareOf(district.key)).toBeLessThan(0.2);
    }
    for (const outer of ['brauck', 'zweckel', 'ellinghorst', 'alt-rentfort', 'rentfort-nord']) {
      expect(shareOf('mitte-1')).toBeLessThan(shareOf(outer));
      expect(shareOf('mitte-2')).toBeLessThan(shareOf(outer));
    }
  });
});
