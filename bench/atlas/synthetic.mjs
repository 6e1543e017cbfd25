// A synthetic city of N areas for bench/atlas: a jittered grid over the Gladbeck extent whose
// cell edges are subdivided and shared between neighbours (so the map looks like districts,
// not squares), three public rate indicators and two periods of values. Written straight into
// a scratch database the bench created; never into the demo seeds.

/** Deterministic pseudo-random numbers, so every run draws the same city. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticCity(count) {
  const cols = Math.ceil(Math.sqrt(count * 1.6));
  const rows = Math.ceil(count / cols);
  const [west, south, east, north] = [6.92, 51.535, 7.03, 51.615];
  const dx = (east - west) / cols;
  const dy = (north - south) / rows;
  const noise = (i, j, salt) => random((i * 73856093) ^ (j * 19349663) ^ salt)() - 0.5;
  // Grid corners, jittered by a third of a cell; identical for every cell that shares them.
  const corner = (i, j) => [
    west + i * dx + (i > 0 && i < cols ? noise(i, j, 1) * dx * 0.35 : 0),
    south + j * dy + (j > 0 && j < rows ? noise(i, j, 2) * dy * 0.35 : 0),
  ];
  // Three extra points per edge, jittered sideways; keyed by the edge so neighbours agree.
  const edge = (a, b, key) => {
    const points = [];
    for (let k = 1; k <= 3; k++) {
      const t = k / 4;
      const wobble = noise(key[0] * 4 + k, key[1] * 4 + k, key[2]) * 0.12;
      points.push([a[0] + (b[0] - a[0]) * t - (b[1] - a[1]) * wobble * (dx / dy), a[1] + (b[1] - a[1]) * t + (b[0] - a[0]) * wobble * (dy / dx)]);
    }
    return points;
  };
  const areas = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      if (areas.length >= count) break;
      const sw = corner(i, j);
      const se = corner(i + 1, j);
      const ne = corner(i + 1, j + 1);
      const nw = corner(i, j + 1);
      const south_ = edge(sw, se, [i, j, 3]);
      const east_ = edge(se, ne, [i + 1, j, 4]);
      const north_ = edge(nw, ne, [i, j + 1, 3]).reverse();
      const west_ = edge(sw, nw, [i, j, 4]).reverse();
      const ring = [sw, ...south_, se, ...east_, ne, ...north_, nw, ...west_, sw];
      const xs = ring.map((p) => p[0]);
      const ys = ring.map((p) => p[1]);
      const n = areas.length + 1;
      areas.push({
        key: `gebiet-${String(n).padStart(4, '0')}`,
        name: `Gebiet ${n}`,
        geometry: { type: 'Polygon', coordinates: [ring] },
        bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
        centroid: [(sw[0] + se[0] + ne[0] + nw[0]) / 4, (sw[1] + se[1] + ne[1] + nw[1]) / 4],
      });
    }
  }
  return areas;
}

export const SYNTHETIC_INDICATORS = ['bench_rate_a', 'bench_rate_b', 'bench_rate_c'];
export const SYNTHETIC_PERIODS = ['2023', '2024'];

/** Inserts the synthetic city into a migrated, empty database. */
export async function insertSyntheticCity(client, count) {
  const areas = syntheticCity(count);
  await client.query('BEGIN');
  try {
    await client.query(`INSERT INTO topic (key, name_de, name_en, sort_order) VALUES ('bench', 'Benchmark', 'Benchmark', 1)`);
    for (const [i, key] of SYNTHETIC_INDICATORS.entries()) {
      await client.query(
        `INSERT INTO indicator (key, name, name_en, definition, unit, topic_id, source, polarity, decimals, update_cycle, last_update, kind,
                                numerator_label, denominator_label, rate_factor, suppression_threshold, is_public)
         SELECT $1, $2, $2, 'Synthetischer Benchmark-Indikator', '%', id, 'Synthetische Benchmark-Daten', $3, 1, 'yearly', '2025-01-01', 'rate',
                'Fälle', 'Einwohner', 100, NULL, true
           FROM topic WHERE key = 'bench'`,
        [key, `Benchmark-Indikator ${String.fromCharCode(65 + i)}`, ['higher_is_worse', 'higher_is_better', 'neutral'][i]],
      );
    }
    await client.query(
      `INSERT INTO area (key, name, level, geometry, display_geometry, bbox, centroid_lon, centroid_lat, geometry_source)
       VALUES ('bench-city', 'Benchmark-Stadt', 'city', NULL, NULL, ARRAY[6.92, 51.535, 7.03, 51.615]::float8[], 6.975, 51.575, 'Synthetisch')`,
    );
    for (let start = 0; start < areas.length; start += 250) {
      const batch = areas.slice(start, start + 250);
      await client.query(
        `INSERT INTO area (key, name, level, parent_id, geometry, display_geometry, bbox, centroid_lon, centroid_lat, geometry_source)
         SELECT x.key, x.name, 'district', (SELECT id FROM area WHERE key = 'bench-city'), x.geometry, x.geometry,
                ARRAY[x.w, x.s, x.e, x.n]::float8[], x.lon, x.lat, 'Synthetisches Raster (Benchmark)'
           FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::float8[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::float8[])
                AS x(key, name, geometry, w, s, e, n, lon, lat)`,
        [
          batch.map((a) => a.key),
          batch.map((a) => a.name),
          batch.map((a) => JSON.stringify(a.geometry)),
          batch.map((a) => a.bbox[0]),
          batch.map((a) => a.bbox[1]),
          batch.map((a) => a.bbox[2]),
          batch.map((a) => a.bbox[3]),
          batch.map((a) => a.centroid[0]),
          batch.map((a) => a.centroid[1]),
        ],
      );
    }
    const rows = [];
    const draw = random(42);
    for (const indicator of SYNTHETIC_INDICATORS) {
      for (const period of SYNTHETIC_PERIODS) {
        for (const area of areas) {
          const denominator = 200 + Math.round(draw() * 4000);
          const numerator = Math.round(denominator * (0.02 + draw() * 0.3));
          rows.push([indicator, area.key, period, Math.round((numerator / denominator) * 1000) / 10, numerator, denominator]);
        }
      }
    }
    // Values reference their series (indicator × area), which must exist first.
    await client.query(
      `INSERT INTO indicator_series (indicator_id, area_id)
       SELECT i.id, a.id FROM indicator i CROSS JOIN area a
        WHERE i.key = ANY($1::text[]) AND a.key = ANY($2::text[])
       ON CONFLICT DO NOTHING`,
      [SYNTHETIC_INDICATORS, areas.map((a) => a.key)],
    );
    for (let start = 0; start < rows.length; start += 2000) {
      const batch = rows.slice(start, start + 2000);
      await client.query(
        `INSERT INTO indicator_value (indicator_id, area_id, period, value, numerator, denominator)
         SELECT i.id, a.id, x.period, x.value, x.numerator, x.denominator
           FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::float8[]) AS x(indicator, area, period, value, numerator, denominator)
           JOIN indicator i ON i.key = x.indicator
           JOIN area a ON a.key = x.area`,
        [0, 1, 2, 3, 4, 5].map((c) => batch.map((r) => r[c])),
      );
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
  return areas.length;
}
