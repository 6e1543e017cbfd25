import type { Crs } from '@lagebild/shared';
import proj4 from 'proj4';

/**
 * Definitions of the systems German boundary files come in: ETRS89/UTM 32N and 33N (the
 * official ones since ALKIS), Gauß-Krüger zones 2 and 3 (older NRW files), and Web
 * Mercator. The 7-parameter shift for DHDN is the one the German states publish.
 */
const DEFINITIONS: Record<Crs, string | null> = {
  'EPSG:4326': null,
  'EPSG:25832': '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs',
  'EPSG:25833': '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs',
  'EPSG:31466':
    '+proj=tmerc +lat_0=0 +lon_0=6 +k=1 +x_0=2500000 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs +type=crs',
  'EPSG:31467':
    '+proj=tmerc +lat_0=0 +lon_0=9 +k=1 +x_0=3500000 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs +type=crs',
  'EPSG:3857': null,
};

for (const [code, definition] of Object.entries(DEFINITIONS)) {
  if (definition) proj4.defs(code, definition);
}

export type Projector = (position: readonly number[]) => [number, number];

/** A function from the source system to WGS84 longitude/latitude. */
export function projectorFor(crs: Crs): Projector {
  if (crs === 'EPSG:4326') return (p) => [p[0]!, p[1]!];
  const converter = proj4(crs, 'EPSG:4326');
  return (p) => {
    const [lon, lat] = converter.forward([p[0]!, p[1]!]);
    return [lon!, lat!];
  };
}

/** Reads the CRS a GeoJSON `crs` member names (the 2008 spec form), if it is one we support. */
export function crsFromName(name: string): Crs | 'unsupported' {
  if (/CRS84$/i.test(name) || /(?:EPSG(?::+|\/0\/)|EPSG\/)4326$/i.test(name)) return 'EPSG:4326';
  const match = /EPSG(?::+|\/\d+\/|\/)(\d+)$/i.exec(name.trim());
  if (!match) return 'unsupported';
  const code = `EPSG:${match[1]}`;
  return code in DEFINITIONS ? (code as Crs) : 'unsupported';
}
