// The floor for bench/atlas: the same GeoJSON and values from the same API, drawn by deck.gl
// with nothing else (no framework, no classification library, no labels). It marks
// "bare:coloured" after the first frame that shows the colours, like the atlas does.
import { Deck, MapView, WebMercatorViewport } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';

const PALETTE = [
  [254, 240, 217],
  [253, 204, 138],
  [252, 141, 89],
  [227, 74, 51],
  [179, 0, 0],
];
const params = new URLSearchParams(location.search);
const level = params.get('level') ?? 'district';
const cache = new Map();
const values = (indicator, period) => {
  const key = `${indicator}|${period}`;
  if (!cache.has(key))
    cache.set(
      key,
      fetch(`/api/indicators/${indicator}/values?period=${period}&level=${level}`).then((r) => r.json()),
    );
  return cache.get(key);
};

function colours(response) {
  const sorted = response.values
    .map((v) => v.value)
    .filter((v) => v !== null)
    .sort((a, b) => a - b);
  const breaks = [1, 2, 3, 4].map((i) => sorted[Math.round((i * sorted.length) / 5)]);
  const map = new Map();
  for (const v of response.values)
    map.set(v.areaKey, v.value === null ? [191, 196, 202, 255] : [...PALETTE[breaks.filter((b) => v.value >= b).length], 255]);
  return map;
}

const [areas, first] = await Promise.all([
  fetch(`/api/areas?level=${level}`).then((r) => r.json()),
  values(params.get('indicator'), params.get('period')),
]);
let b = [Infinity, Infinity, -Infinity, -Infinity];
for (const f of areas.features) {
  const x = f.properties.bbox;
  b = [Math.min(b[0], x[0]), Math.min(b[1], x[1]), Math.max(b[2], x[2]), Math.max(b[3], x[3])];
}
const container = document.getElementById('map');
const fitted = new WebMercatorViewport({ width: container.clientWidth, height: container.clientHeight }).fitBounds(
  [
    [b[0], b[1]],
    [b[2], b[3]],
  ],
  { padding: 28 },
);

let pending = null;
const layer = (fill, key) =>
  new GeoJsonLayer({
    id: 'areas',
    data: areas,
    filled: true,
    stroked: true,
    getFillColor: (f) => fill.get(f.id) ?? [0, 0, 0, 0],
    getLineColor: [255, 255, 255, 255],
    lineWidthUnits: 'pixels',
    getLineWidth: 1.25,
    updateTriggers: { getFillColor: key },
  });

const deck = new Deck({
  parent: container,
  views: new MapView({ repeat: false }),
  viewState: { longitude: fitted.longitude, latitude: fitted.latitude, zoom: fitted.zoom, pitch: 0, bearing: 0 },
  controller: true,
  deviceProps: { type: 'webgl', webgl: { preserveDrawingBuffer: true, antialias: true } },
  layers: [layer(colours(first), 'first')],
  onAfterRender: () => {
    if (pending) {
      performance.mark('bare:coloured', { detail: pending.key });
      pending.resolve();
      pending = null;
    }
  },
});
pending = { key: 'first', resolve: () => undefined };

/** Used by the benchmark: switch indicator, resolve once the new colours are drawn. */
window.benchSwitch = async (indicator, period) => {
  const response = await values(indicator, period);
  const key = `${indicator}|${period}`;
  return new Promise((resolve) => {
    pending = { key, resolve };
    deck.setProps({ layers: [layer(colours(response), key)] });
  });
};
