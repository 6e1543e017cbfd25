import { describe, expect, it } from '@jest/globals';
import { crsFromName, projectorFor } from './reprojection.js';

/**
 * An independent forward Transverse Mercator (Krüger series to n⁴, as in Karney 2011),
 * accurate to well under a millimetre within a UTM zone; the import's proj4 inverse must
 * land within 1 m of the point it came from.
 */
function utmForward(lonDeg: number, latDeg: number, zone: number): [number, number] {
  const a = 6378137;
  const f = 1 / 298.257222101; // GRS80, the ellipsoid of ETRS89
  const k0 = 0.9996;
  const n = f / (2 - f);
  const A = (a / (1 + n)) * (1 + n ** 2 / 4 + n ** 4 / 64);
  const alpha = [
    n / 2 - (2 / 3) * n ** 2 + (5 / 16) * n ** 3 + (41 / 180) * n ** 4,
    (13 / 48) * n ** 2 - (3 / 5) * n ** 3 + (557 / 1440) * n ** 4,
    (61 / 240) * n ** 3 - (103 / 140) * n ** 4,
    (49561 / 161280) * n ** 4,
  ];
  const e = Math.sqrt(f * (2 - f));
  const phi = (latDeg * Math.PI) / 180;
  const lambda = ((lonDeg - (zone * 6 - 183)) * Math.PI) / 180;
  const t = Math.sinh(Math.atanh(Math.sin(phi)) - e * Math.atanh(e * Math.sin(phi)));
  const xi0 = Math.atan2(t, Math.cos(lambda));
  const eta0 = Math.atanh(Math.sin(lambda) / Math.sqrt(1 + t * t));
  let xi = xi0;
  let eta = eta0;
  alpha.forEach((al, j) => {
    const k = 2 * (j + 1);
    xi += al * Math.sin(k * xi0) * Math.cosh(k * eta0);
    eta += al * Math.cos(k * xi0) * Math.sinh(k * eta0);
  });
  return [500000 + k0 * A * eta, k0 * A * xi];
}

/** Distance in metres between two WGS84 positions (haversine; fine at this scale). */
function metres(a: readonly number[], b: readonly number[]): number {
  const r = 6371008.8;
  const rad = Math.PI / 180;
  const dLat = (b[1]! - a[1]!) * rad;
  const dLon = (b[0]! - a[0]!) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1]! * rad) * Math.cos(b[1]! * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(h));
}

describe('reprojection to WGS84', () => {
  it('checks the reference formula against a published UTM value (45°N 15°E → 500000 / 4982950.4 in zone 33)', () => {
    const [e, n] = utmForward(15, 45, 33);
    expect(e).toBeCloseTo(500000, 3);
    expect(Math.abs(n - 4982950.4)).toBeLessThan(0.1);
  });

  it('brings a known EPSG:25832 point in Gladbeck back to WGS84 within 1 m', () => {
    const townHall = [6.98735, 51.57202]; // Rathaus Gladbeck, Willy-Brandt-Platz
    const [easting, northing] = utmForward(townHall[0]!, townHall[1]!, 32);
    expect(easting).toBeGreaterThan(350000);
    expect(easting).toBeLessThan(370000);
    const back = projectorFor('EPSG:25832')([easting, northing]);
    expect(metres(back, townHall)).toBeLessThan(1);
  });

  it('also handles EPSG:25833 (Gladbeck lies west of zone 33, as files from eastern offices do it)', () => {
    for (const point of [
      [6.985, 51.571],
      [13.4, 52.52],
    ]) {
      const [e, n] = utmForward(point[0]!, point[1]!, 33);
      expect(metres(projectorFor('EPSG:25833')([e, n]), point)).toBeLessThan(1);
    }
  });

  it('reads CRS names in the forms GeoJSON files use', () => {
    expect(crsFromName('urn:ogc:def:crs:EPSG::25832')).toBe('EPSG:25832');
    expect(crsFromName('EPSG:25833')).toBe('EPSG:25833');
    expect(crsFromName('http://www.opengis.net/def/crs/EPSG/0/31467')).toBe('EPSG:31467');
    expect(crsFromName('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe('EPSG:4326');
    expect(crsFromName('urn:ogc:def:crs:EPSG::4326')).toBe('EPSG:4326');
    expect(crsFromName('EPSG:2056')).toBe('unsupported');
  });
});
