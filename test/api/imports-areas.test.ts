import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AreaFeatureCollection, AreaImportReport, AreaPreview, Position } from '@lagebild/shared';
import { DEMO_GEOMETRY_NOTE, DEMO_GEOMETRY_NOTE_EN, buildGladbeckAreas } from '../../seeds/gladbeck/index.js';
import { call, fixture, upload } from '../fixtures/imports/client.js';
import { startTestApp, tableCounts, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.login('coordinator');
});
afterAll(async () => {
  await t.close();
});

type Report = AreaImportReport & { code?: string };
const importAreas = (name: string, fields: Record<string, string>, bytes?: Uint8Array) =>
  upload<Report>(t, '/api/imports/areas', { user: 'coordinator', file: { name, bytes: bytes ?? fixture(name) }, fields });
const districts = { level: 'district', keyProperty: 'STBZ_NAME', nameProperty: 'STBZ_NAME' };
const neighbourhoods = { level: 'neighbourhood', keyProperty: 'schluessel', nameProperty: 'name' };

function metres(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const x = (b[0] - a[0]) * rad * Math.cos(((a[1] + b[1]) / 2) * rad);
  const y = (b[1] - a[1]) * rad;
  return Math.sqrt(x * x + y * y) * 6371008.8;
}

async function areaState() {
  return t.dataSource.query(
    `SELECT key, name, level, parent_id, geometry, display_geometry, bbox, centroid_lon, centroid_lat, geometry_source, geometry_source_en, import_id FROM area ORDER BY key`,
  );
}

describe('boundary preview', () => {
  it('reports features, properties with samples, the CRS from the file and a suggestion', async () => {
    const { status, body } = await upload<AreaPreview>(t, '/api/imports/areas/preview', {
      user: 'coordinator',
      file: { name: 'bezirke.geojson', bytes: fixture('stadtbezirke-epsg25832.geojson') },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ kind: 'geojson', features: 10, crs: 'EPSG:25832', crsSource: 'file', geometryTypes: ['Polygon'] });
    expect(body.properties.map((p) => p.name)).toEqual(['STBZ_NR', 'STBZ_NAME', 'GEMEINDE']);
    expect(body.properties[1]!.samples).toContain('Brauck');
    expect(body.suggestion).toMatchObject({ keyProperty: 'STBZ_NR', nameProperty: 'STBZ_NAME' });
  });
});

describe('district boundaries in EPSG:25832', () => {
  it('dry run: matches the existing districts by name, reprojects, and writes nothing', async () => {
    const before = await tableCounts(t.dataSource);
    const { status, body } = await importAreas('stadtbezirke-epsg25832.geojson', districts);
    expect(status).toBe(200);
    expect(body).toMatchObject({ dryRun: true, features: 10, created: 0, updated: 10, unchanged: 0, errors: [], crs: 'EPSG:25832' });
    // The official file is more detailed; the display copy drops what cannot be seen.
    for (const area of body.areas) expect(area.displayVertices).toBeLessThan(area.vertices);
    expect(body.areas.find((a) => a.name === 'Mitte I')).toMatchObject({ key: 'mitte-1', parentKey: 'gladbeck' });
    expect(await tableCounts(t.dataSource)).toEqual(before);
  });

  it('commit: replaces the demo shapes, within 1 m of the original positions, and keeps a simplified display copy', async () => {
    const before = await areaState();
    // Both languages of the demo note, so the rollback below must restore both.
    expect(before.find((a: { key: string }) => a.key === 'brauck')).toMatchObject({
      geometry_source: DEMO_GEOMETRY_NOTE,
      geometry_source_en: DEMO_GEOMETRY_NOTE_EN,
    });
    const { status, body } = await importAreas('stadtbezirke-epsg25832.geojson', { ...districts, dryRun: 'false' });
    expect(status).toBe(200);
    expect(body.importId).toBeDefined();
    const seed = buildGladbeckAreas().find((a) => a.key === 'brauck')!;
    const [row] = await t.dataSource.query(
      `SELECT geometry, display_geometry, geometry_source, geometry_source_en, import_id FROM area WHERE key = 'brauck'`,
    );
    expect(row.import_id).toBe(body.importId);
    expect(row.geometry_source).toBe(
      `Import „stadtbezirke-epsg25832.geojson“ vom ${new Date().toISOString().slice(0, 10)} (umgerechnet aus EPSG:25832)`,
    );
    expect(row.geometry_source_en).toBe(
      `Import “stadtbezirke-epsg25832.geojson” of ${new Date().toISOString().slice(0, 10)} (reprojected from EPSG:25832)`,
    );
    const imported = row.geometry.coordinates[0] as Position[];
    const original = (seed.geometry.type === 'Polygon' ? seed.geometry.coordinates[0] : seed.geometry.coordinates[0]![0])!;
    expect(imported.length).toBe(2 * original.length - 1);
    // Rings may start at another corner after re-orientation; every corner must have its twin within 1 m.
    for (const p of original) expect(Math.min(...imported.map((q) => metres(p as Position, q)))).toBeLessThan(1);
    expect(row.display_geometry.type).toBe('Polygon');

    const atlas = await call<AreaFeatureCollection>(t, 'GET', '/api/areas?level=district');
    expect(atlas.body.features.find((f) => f.id === 'brauck')!.properties).toMatchObject({
      geometrySource: expect.stringContaining('umgerechnet aus EPSG:25832'),
      geometrySourceEn: expect.stringContaining('reprojected from EPSG:25832'),
    });

    // Rolling back brings the demo shapes back exactly.
    const undo = await call(t, 'POST', `/api/imports/${body.importId}/rollback`, 'coordinator');
    expect(undo).toMatchObject({ status: 200, body: { status: 'rolled_back', removed: 0 } });
    expect(await areaState()).toEqual(before);
  });
});

describe('neighbourhoods in EPSG:25833 without a parent column', () => {
  it('creates them under the district that contains them, and rolls back by removing them', async () => {
    const counts = await tableCounts(t.dataSource);
    const { status, body } = await importAreas('quartiere-epsg25833.geojson', { ...neighbourhoods, dryRun: 'false' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ created: 10, updated: 0, errors: [], crs: 'EPSG:25833' });
    for (const area of body.areas) expect(area.key).toBe(`${area.parentKey}-zentrum`);

    // The same areas as a zipped Shapefile (.prj in WGS84) are recognised as the same areas.
    const shapefile = await importAreas('quartiere-shapefile.zip', neighbourhoods);
    expect(shapefile.status).toBe(200);
    expect(shapefile.body).toMatchObject({ created: 0, errors: [], crs: 'EPSG:4326' });
    expect(shapefile.body.areas.map((a) => a.key).sort()).toEqual(body.areas.map((a) => a.key).sort());

    const undo = await call(t, 'POST', `/api/imports/${body.importId}/rollback`, 'coordinator');
    expect(undo.body).toMatchObject({ removed: 10, restored: 0 });
    const after = await tableCounts(t.dataSource);
    expect(after.area).toBe(counts.area);
  });

  it('refuses to roll back areas that have values by now', async () => {
    const created = await importAreas('quartiere-epsg25833.geojson', { ...neighbourhoods, dryRun: 'false' });
    const values = await upload(t, '/api/imports/values', {
      user: 'coordinator',
      file: { name: 'q.csv', bytes: Buffer.from('Gebiet;Jahr;Indikator;Wert\nBrauck Zentrum;2025;population;800\n') },
      fields: {
        layout: 'long',
        mapping: { areaColumn: 'Gebiet', periodColumn: 'Jahr', indicatorColumn: 'Indikator', valueColumn: 'Wert' },
        dryRun: 'false',
      },
    });
    expect(values.status).toBe(200);
    const before = await tableCounts(t.dataSource);
    const refused = await call(t, 'POST', `/api/imports/${created.body.importId}/rollback`, 'coordinator');
    expect(refused).toMatchObject({ status: 409, body: { code: 'AREA_IN_USE', message: expect.stringContaining('‚Brauck Zentrum‘') } });
    expect(await tableCounts(t.dataSource)).toEqual(before);
    await call(t, 'POST', `/api/imports/${values.body.importId}/rollback`, 'coordinator');
    expect((await call(t, 'POST', `/api/imports/${created.body.importId}/rollback`, 'coordinator')).status).toBe(200);
  });
});

describe('bad boundary files', () => {
  const collection = (features: unknown[], crs?: string) =>
    Buffer.from(JSON.stringify({ type: 'FeatureCollection', ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}), features }));
  const square = (x: number, y: number, d: number) => [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ],
  ];
  const feature = (properties: object, geometry: unknown) => ({ type: 'Feature', properties, geometry });

  it('reports each broken feature with its number and the reason, and writes nothing', async () => {
    const before = await tableCounts(t.dataSource);
    const file = collection([
      feature({ key: 'neu-1', name: 'Neu 1' }, { type: 'Polygon', coordinates: square(6.96, 51.56, 0.002) }),
      feature(
        { key: 'neu-2', name: 'Neu 2' },
        {
          type: 'Polygon',
          coordinates: [
            [
              [6.96, 51.56],
              [6.97, 51.56],
              [6.97, 51.57],
              [6.96, 51.57],
            ],
          ],
        },
      ),
      feature({ key: 'neu-3', name: 'Neu 3' }, { type: 'Point', coordinates: [6.96, 51.56] }),
      feature({ key: 'neu-4' }, { type: 'Polygon', coordinates: square(6.97, 51.56, 0.002) }),
      feature({ key: 'neu-5', name: 'Neu 5' }, { type: 'Polygon', coordinates: square(8.5, 53.5, 0.002) }),
      feature({ key: 'neu-1', name: 'Neu 1 doppelt' }, { type: 'Polygon', coordinates: square(6.98, 51.56, 0.002) }),
    ]);
    const { status, body } = await importAreas('fehler.geojson', { ...neighbourhoods, keyProperty: 'key', dryRun: 'false' }, file);
    expect(status).toBe(422);
    expect(body.errors).toEqual([
      { row: 2, column: 'geometry', message: 'Gebiet 2: Ring 1 von Fläche 1 ist nicht geschlossen (erster und letzter Punkt verschieden).' },
      { row: 3, column: 'geometry', message: 'Gebiet 3: Punkte sind keine Gebietsgrenzen; erwartet werden Flächen (Polygon).' },
      { row: 4, column: 'name', message: 'Gebiet 4: Name (‚name‘) fehlt.' },
      {
        row: 5,
        column: null,
        message: 'Gebiet 5: Liegt in keinem bekannten Stadtbezirk; bitte die Eigenschaft mit dem übergeordneten Gebiet wählen.',
      },
      { row: 6, column: 'key', message: 'Gebiet 6: Schlüssel ‚neu-1‘ kommt schon in Gebiet 1 vor.' },
    ]);
    expect(await tableCounts(t.dataSource)).toEqual(before);
  });

  it('explains problems with the coordinate system', async () => {
    const projected = collection([feature({ key: 'x', name: 'X' }, { type: 'Polygon', coordinates: square(361000, 5715000, 100) })]);
    const noCrs = await importAreas('utm.geojson', { ...neighbourhoods, keyProperty: 'key' }, projected);
    expect(noCrs.body.errors[0]!.message).toMatch(/projiziert, die Datei nennt aber kein Koordinatensystem.*EPSG:25832/);
    const chosen = await importAreas('utm.geojson', { ...neighbourhoods, keyProperty: 'key', crs: 'EPSG:25832' }, projected);
    expect(chosen.body).toMatchObject({ errors: [], created: 1, crs: 'EPSG:25832' });
    const conflict = await importAreas('stadtbezirke-epsg25832.geojson', { ...districts, crs: 'EPSG:25833' });
    expect(conflict.body.errors[0]!.message).toBe(
      'Die Datei gibt EPSG:25832 als Koordinatensystem an, gewählt wurde EPSG:25833. Bitte die Auswahl prüfen.',
    );
    const unsupported = await importAreas(
      'ch.geojson',
      { ...neighbourhoods, keyProperty: 'key' },
      collection([feature({ key: 'x', name: 'X' }, { type: 'Polygon', coordinates: square(2600000, 1200000, 100) })], 'EPSG:2056'),
    );
    expect(unsupported.body.errors[0]!.message).toMatch(/‚EPSG:2056‘ der Datei wird nicht unterstützt/);
    const badCrs = await upload(t, '/api/imports/areas', {
      user: 'coordinator',
      file: { name: 'x.geojson', bytes: projected },
      fields: { ...neighbourhoods, crs: 'EPSG:9999' },
    });
    expect(badCrs.status).toBe(400);
  });

  it('names a chosen property that no feature has, and a level clash', async () => {
    const missing = await importAreas('stadtbezirke-epsg25832.geojson', { ...districts, nameProperty: 'Bezeichnung' });
    expect(missing.body.errors).toEqual([
      {
        row: null,
        column: 'Bezeichnung',
        message: 'Die Eigenschaft ‚Bezeichnung‘ kommt in keinem Gebiet vor. Vorhanden: ‚STBZ_NR‘, ‚STBZ_NAME‘, ‚GEMEINDE‘.',
      },
    ]);
    const clash = await importAreas('stadtbezirke-epsg25832.geojson', { ...districts, level: 'neighbourhood' });
    expect(clash.body.errors[0]!.message).toBe('Gebiet 1: ‚Brauck‘ gibt es schon als Stadtbezirk; hier wird es als Quartier importiert.');
  });

  it('reads JSON that is no GeoJSON, and a broken zip, as problems', async () => {
    expect((await importAreas('x.geojson', districts, Buffer.from('{"type":"Topology"}'))).body.errors[0]!.message).toMatch(/FeatureCollection/);
    expect((await importAreas('x.geojson', districts, Buffer.from('{nicht json'))).body.errors[0]!.message).toMatch(/kein gültiges GeoJSON/);
    const zip = fixture('quartiere-shapefile.zip');
    expect((await importAreas('x.zip', neighbourhoods, zip.subarray(0, zip.length - 30))).body.errors[0]!.message).toMatch(
      /ZIP-Datei ist beschädigt/,
    );
  });
});
