import { Injectable } from '@nestjs/common';
import type { Crs } from '@lagebild/shared';
import { sniffFileKind } from '../parsing/file-kind.js';
import { bilingual } from '../import-language.js';
import { FileReadError } from '../parsing/file-read.error.js';
import { decodeText } from '../parsing/text-decoding.js';
import { readZipDirectory, unpackedSize } from '../parsing/zip-directory.js';
import { crsFromName } from './reprojection.js';

export const MAX_BOUNDARY_FEATURES = 10_000;
const MAX_UNPACKED_SHAPEFILE_BYTES = 400 * 1024 * 1024;

export interface BoundaryFeature {
  /** 1-based position in the file, for the report. */
  number: number;
  properties: Record<string, unknown>;
  geometry: unknown;
}

export type CrsSource = 'file' | 'chosen' | 'assumed' | 'shapefile';

export interface BoundaryFile {
  kind: 'geojson' | 'shapefile';
  features: BoundaryFeature[];
  crs: Crs;
  crsSource: CrsSource;
}

/**
 * Reads a GeoJSON file or a zipped Shapefile and decides its coordinate system: the file's
 * `crs` member (or the Shapefile's .prj) first, then the steward's choice, and for files
 * without either a guess only where the numbers leave no doubt (degrees, Gauß-Krüger zone
 * digits). UTM zones 32 and 33 look alike, so those files must name or be given their zone.
 */
@Injectable()
export class BoundaryReader {
  async read(bytes: Buffer, chosen?: Crs): Promise<BoundaryFile> {
    if (bytes.length === 0) throw new FileReadError(bilingual('Die Datei ist leer.', 'The file is empty.'));
    if (sniffFileKind(bytes) === 'zip') return this.readShapefile(bytes, chosen);
    return this.readGeoJson(bytes, chosen);
  }

  private readGeoJson(bytes: Buffer, chosen?: Crs): BoundaryFile {
    const { text } = decodeText(bytes);
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      throw new FileReadError(
        bilingual(
          'Die Datei ist kein gültiges GeoJSON (kein lesbares JSON). Erwartet wird eine FeatureCollection oder eine gezippte Shapefile.',
          'The file is not valid GeoJSON (no readable JSON). Expected a FeatureCollection or a zipped Shapefile.',
        ),
      );
    }
    const features = featuresOf(document);
    const named = (document as { crs?: { properties?: { name?: unknown } } }).crs?.properties?.name;
    let crs: Crs;
    let crsSource: CrsSource;
    if (typeof named === 'string') {
      const fromFile = crsFromName(named);
      if (fromFile === 'unsupported') {
        throw new FileReadError(
          bilingual(
            `Das Koordinatensystem ‚${named}‘ der Datei wird nicht unterstützt. Unterstützt: WGS84, EPSG:25832, EPSG:25833, EPSG:31466, EPSG:31467, EPSG:3857.`,
            `The coordinate reference system ‘${named}’ named in the file is not supported. Supported: WGS84, EPSG:25832, EPSG:25833, EPSG:31466, EPSG:31467, EPSG:3857.`,
          ),
        );
      }
      if (chosen && chosen !== fromFile) {
        throw new FileReadError(
          bilingual(
            `Die Datei gibt ${fromFile} als Koordinatensystem an, gewählt wurde ${chosen}. Bitte die Auswahl prüfen.`,
            `The file states ${fromFile} as its coordinate reference system, but ${chosen} was selected. Please check the selection.`,
          ),
        );
      }
      crs = fromFile;
      crsSource = 'file';
    } else if (chosen) {
      crs = chosen;
      crsSource = 'chosen';
    } else {
      crs = guessCrs(features);
      crsSource = 'assumed';
    }
    return { kind: 'geojson', features, crs, crsSource };
  }

  private async readShapefile(bytes: Buffer, chosen?: Crs): Promise<BoundaryFile> {
    const entries = readZipDirectory(bytes);
    if (!entries) throw new FileReadError(bilingual('Die ZIP-Datei ist beschädigt.', 'The ZIP file is damaged.'));
    if (unpackedSize(entries) > MAX_UNPACKED_SHAPEFILE_BYTES)
      throw new FileReadError(bilingual('Die ZIP-Datei ist entpackt zu groß.', 'The ZIP file is too large when unpacked.'));
    const shpFiles = entries.filter((e) => /\.shp$/i.test(e.name) && !e.name.startsWith('__MACOSX'));
    if (shpFiles.length === 0)
      throw new FileReadError(
        bilingual(
          'Die ZIP-Datei enthält keine Shapefile (.shp). Bitte .shp, .shx, .dbf und .prj zusammen zippen.',
          'The ZIP file contains no Shapefile (.shp). Please zip .shp, .shx, .dbf and .prj together.',
        ),
      );
    if (shpFiles.length > 1)
      throw new FileReadError(
        bilingual(
          'Die ZIP-Datei enthält mehrere Shapefiles. Bitte nur eine Ebene je Datei hochladen.',
          'The ZIP file contains several Shapefiles. Please upload only one layer per file.',
        ),
      );
    const hasPrj = entries.some((e) => /\.prj$/i.test(e.name));
    if (!hasPrj && !chosen) {
      throw new FileReadError(
        bilingual(
          'Der Shapefile fehlt die .prj-Datei mit dem Koordinatensystem. Bitte das Koordinatensystem auswählen.',
          'The Shapefile lacks the .prj file that states its coordinate reference system. Please select the coordinate reference system.',
        ),
      );
    }
    // Loaded on the first Shapefile, like exceljs: rarely needed, and not small.
    const { default: shp } = await import('shpjs');
    let collection: unknown;
    try {
      collection = await shp(bytes);
    } catch {
      throw new FileReadError(
        bilingual(
          'Die Shapefile lässt sich nicht lesen. Sind .shp, .shx und .dbf vollständig im ZIP?',
          'The Shapefile cannot be read. Are .shp, .shx and .dbf all complete in the ZIP?',
        ),
      );
    }
    const features = featuresOf(Array.isArray(collection) ? collection[0] : collection);
    // shpjs reprojects to WGS84 itself when a .prj is present.
    return hasPrj
      ? { kind: 'shapefile', features, crs: 'EPSG:4326', crsSource: 'shapefile' }
      : { kind: 'shapefile', features, crs: chosen!, crsSource: 'chosen' };
  }
}

function featuresOf(document: unknown): BoundaryFeature[] {
  if (!document || typeof document !== 'object')
    throw new FileReadError(bilingual('Die Datei enthält keine Features.', 'The file contains no features.'));
  const doc = document as { type?: unknown; features?: unknown; properties?: unknown; geometry?: unknown };
  let list: unknown[];
  if (doc.type === 'FeatureCollection' && Array.isArray(doc.features)) list = doc.features;
  else if (doc.type === 'Feature') list = [doc];
  else
    throw new FileReadError(
      bilingual(
        'Erwartet wird eine GeoJSON-FeatureCollection mit einem Feature je Gebiet.',
        'Expected a GeoJSON FeatureCollection with one feature per area.',
      ),
    );
  if (list.length === 0) throw new FileReadError(bilingual('Die FeatureCollection ist leer.', 'The FeatureCollection is empty.'));
  if (list.length > MAX_BOUNDARY_FEATURES)
    throw new FileReadError(
      bilingual(`Die Datei enthält mehr als ${MAX_BOUNDARY_FEATURES} Gebiete.`, `The file contains more than ${MAX_BOUNDARY_FEATURES} areas.`),
    );
  return list.map((feature, i) => {
    const f = (feature ?? {}) as { properties?: unknown; geometry?: unknown };
    const properties =
      f.properties && typeof f.properties === 'object' && !Array.isArray(f.properties) ? (f.properties as Record<string, unknown>) : {};
    return { number: i + 1, properties, geometry: f.geometry ?? null };
  });
}

/** Degrees are unmistakable, and so is a Gauß-Krüger easting, whose first digit is its zone. */
function guessCrs(features: readonly BoundaryFeature[]): Crs {
  const sample = firstPosition(features);
  if (!sample) return 'EPSG:4326';
  const [x, y] = sample;
  if (Math.abs(x) <= 180 && Math.abs(y) <= 90) return 'EPSG:4326';
  if (y > 5_000_000 && y < 6_200_000 && x >= 2_200_000 && x < 2_800_000) return 'EPSG:31466';
  if (y > 5_000_000 && y < 6_200_000 && x >= 3_200_000 && x < 3_800_000) return 'EPSG:31467';
  throw new FileReadError(
    bilingual(
      `Die Koordinaten (z. B. ${Math.round(x)} / ${Math.round(y)}) sind projiziert, die Datei nennt aber kein Koordinatensystem. ` +
        'Bitte auswählen – in Nordrhein-Westfalen meist EPSG:25832 (ETRS89 / UTM 32N).',
      `The coordinates (e.g. ${Math.round(x)} / ${Math.round(y)}) are projected, but the file names no coordinate reference system. ` +
        'Please select one – in North Rhine-Westphalia usually EPSG:25832 (ETRS89 / UTM 32N).',
    ),
  );
}

function firstPosition(features: readonly BoundaryFeature[]): [number, number] | null {
  for (const feature of features) {
    let node: unknown = (feature.geometry as { coordinates?: unknown } | null)?.coordinates;
    while (Array.isArray(node) && Array.isArray(node[0])) node = node[0];
    if (Array.isArray(node) && typeof node[0] === 'number' && typeof node[1] === 'number') return [node[0], node[1]];
  }
  return null;
}
