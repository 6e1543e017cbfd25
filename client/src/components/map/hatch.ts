import type { AreaFeature, Position } from '@lagebild/shared';

/**
 * Diagonal hatch lines clipped to the areas, for suppressed values: deck.gl's fill-pattern
 * extension is not part of the bundle, and a few hundred line segments draw faster than a
 * texture. Lines are laid out in a locally equal-angle space (longitude scaled by the
 * cosine of the latitude), so they run at 45° on the map.
 */
export type Segment = [Position, Position];

export function hatchSegments(features: readonly AreaFeature[], spacing: number): Segment[] {
  const segments: Segment[] = [];
  for (const feature of features) {
    const geometry = feature.geometry;
    if (!geometry) continue;
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    for (const rings of polygons) segments.push(...hatchPolygon(rings, spacing));
  }
  return segments;
}

/** Even-odd scanlines along x − y = c through all rings of one polygon (holes included). */
function hatchPolygon(rings: readonly Position[][], spacing: number): Segment[] {
  const outer = rings[0];
  if (!outer || outer.length < 3 || !(spacing > 0)) return [];
  const latitude = outer.reduce((s, p) => s + p[1], 0) / outer.length;
  const kx = Math.cos((latitude * Math.PI) / 180);
  const project = (p: Position): Position => [p[0] * kx, p[1]];
  const unproject = (p: Position): Position => [p[0] / kx, p[1]];
  const projected = rings.map((ring) => ring.map(project));

  let lo = Infinity;
  let hi = -Infinity;
  for (const [x, y] of projected[0]!) {
    lo = Math.min(lo, x - y);
    hi = Math.max(hi, x - y);
  }
  const segments: Segment[] = [];
  // Start on a global grid so neighbouring areas' lines meet at their shared border.
  for (let c = Math.ceil(lo / spacing) * spacing; c <= hi; c += spacing) {
    const hits: Position[] = [];
    for (const ring of projected) {
      for (let i = 0; i < ring.length; i++) {
        const p = ring[i]!;
        const q = ring[(i + 1) % ring.length]!;
        const fp = p[0] - p[1] - c;
        const fq = q[0] - q[1] - c;
        if (fp <= 0 === fq <= 0) continue;
        const t = fp / (fp - fq);
        hits.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
      }
    }
    hits.sort((a, b) => a[0] + a[1] - (b[0] + b[1]));
    for (let i = 0; i + 1 < hits.length; i += 2) segments.push([unproject(hits[i]!), unproject(hits[i + 1]!)]);
  }
  return segments;
}
