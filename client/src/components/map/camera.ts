import type { AreaFeatureCollection, BBox } from '@lagebild/shared';

export interface Camera {
  longitude: number;
  latitude: number;
  zoom: number;
}

/** The bounding box of every area, from the server's per-area bbox (or the coordinates). */
export function collectionBounds(collection: AreaFeatureCollection): BBox | null {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  const extend = (x: number, y: number) => {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  };
  for (const feature of collection.features) {
    const bbox = feature.properties.bbox;
    if (bbox) {
      extend(bbox[0], bbox[1]);
      extend(bbox[2], bbox[3]);
    } else if (feature.geometry) {
      const polygons = feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
      for (const ring of polygons.flat()) for (const [x, y] of ring) extend(x, y);
    }
  }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

/** A label point per area: the server's centroid, else the middle of its bbox. */
export function labelPoint(feature: { properties: { centroid: [number, number] | null; bbox: BBox | null } }): [number, number] | null {
  if (feature.properties.centroid) return feature.properties.centroid;
  const b = feature.properties.bbox;
  return b ? [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2] : null;
}
