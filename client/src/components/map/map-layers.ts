import { GeoJsonLayer, PathLayer, TextLayer } from '@deck.gl/layers';
import type { Color, LayersList } from '@deck.gl/core';
import type { AreaFeature, AreaFeatureCollection } from '@lagebild/shared';
import { SUPPRESSED_HATCH_COLOR, hexToRgb } from '@lagebild/shared';
import { labelPoint } from './camera';
import { hatchSegments, type Segment } from './hatch';

export interface ChoroplethLayerInput {
  collection: AreaFeatureCollection;
  /** Fill colour per area key; areas without one are drawn transparent. */
  fills: ReadonlyMap<string, string>;
  /** Changes whenever `fills` changes: deck recomputes colours only, never the geometry. */
  colorKey: string;
  hatched: readonly AreaFeature[];
  hatchSpacing: number;
  labels: boolean;
  characterSet: string;
  selectedKey: string | null;
  hoveredKey: string | null;
  /** Semi-transparent fills over a basemap; opaque without one, so colours stay exact. */
  fillAlpha: number;
}

const OUTLINE: Color = [255, 255, 255, 255];
const SELECTED: Color = [28, 36, 48, 255];
const TRANSPARENT: Color = [0, 0, 0, 0];

const rgbCache = new Map<string, Color>();
function rgba(hex: string, alpha: number): Color {
  const key = `${hex}|${alpha}`;
  let color = rgbCache.get(key);
  if (!color) {
    color = [...hexToRgb(hex), alpha];
    rgbCache.set(key, color);
  }
  return color;
}

/**
 * A new layer array for each change (deck.gl diffs layers by id). The areas layer keeps
 * its `data` object for the whole session; a new colour only re-runs `getFillColor`
 * through `updateTriggers`, so an indicator or period switch never re-tessellates.
 */
export function choroplethLayers(input: ChoroplethLayerInput): LayersList {
  const { fills, fillAlpha } = input;
  const byKey = new Map(input.collection.features.map((f) => [f.id, f]));
  const selected = input.selectedKey ? byKey.get(input.selectedKey) : undefined;
  const hovered = input.hoveredKey && input.hoveredKey !== input.selectedKey ? byKey.get(input.hoveredKey) : undefined;

  const layers: LayersList = [
    new GeoJsonLayer<AreaFeature['properties']>({
      id: 'areas',
      data: input.collection as never,
      filled: true,
      stroked: true,
      pickable: true,
      getFillColor: (f) => {
        const hex = fills.get(String(f.id));
        return hex ? rgba(hex, fillAlpha) : TRANSPARENT;
      },
      getLineColor: OUTLINE,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.25,
      updateTriggers: { getFillColor: [input.colorKey, fillAlpha] },
    }),
  ];
  // Optional layers are only created when they have something to draw: every layer type
  // costs a shader compile, which is slow on software WebGL.
  const hatching = hatchSegmentsCached(input.hatched, input.hatchSpacing);
  if (hatching.length) {
    layers.push(
      new PathLayer<Segment>({
        id: 'suppressed-hatching',
        data: hatching,
        getPath: (segment) => segment,
        getColor: rgba(SUPPRESSED_HATCH_COLOR, 255),
        widthUnits: 'pixels',
        getWidth: 1.25,
      }),
    );
  }
  if (hovered) layers.push(outline('hovered-outline', hovered, 2));
  if (selected) layers.push(outline('selected-outline', selected, 3.5));
  if (input.labels) {
    layers.push(
      new TextLayer<AreaFeature>({
        id: 'labels',
        data: input.collection.features,
        getText: (f) => f.properties.name,
        getPosition: (f) => labelPoint(f) ?? [0, 0],
        // Below the centre, so the centre pixel always shows the class colour.
        getPixelOffset: [0, 13],
        getSize: 13,
        sizeUnits: 'pixels',
        getColor: [28, 36, 48, 255],
        fontFamily: 'system-ui, "Segoe UI", Roboto, Arial, sans-serif',
        fontWeight: 600,
        characterSet: input.characterSet,
        fontSettings: { sdf: true, fontSize: 48, buffer: 6 },
        outlineWidth: 3,
        outlineColor: [255, 255, 255, 230],
        getTextAnchor: 'middle',
        getAlignmentBaseline: 'top',
      }),
    );
  }
  return layers;
}

function outline(id: string, feature: AreaFeature, width: number): GeoJsonLayer {
  return new GeoJsonLayer({
    id,
    data: [feature] as never,
    filled: false,
    stroked: true,
    getLineColor: SELECTED,
    lineWidthUnits: 'pixels',
    getLineWidth: width,
  });
}

/** Hatching depends only on which areas are suppressed; recompute only when that set changes. */
let lastHatch: { features: readonly AreaFeature[]; spacing: number; segments: Segment[] } | null = null;
function hatchSegmentsCached(features: readonly AreaFeature[], spacing: number): Segment[] {
  if (lastHatch && lastHatch.spacing === spacing && sameFeatures(lastHatch.features, features)) return lastHatch.segments;
  lastHatch = { features, spacing, segments: hatchSegments(features, spacing) };
  return lastHatch.segments;
}

function sameFeatures(a: readonly AreaFeature[], b: readonly AreaFeature[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i]);
}

/** Every character of the area names, so umlauts and ß make it into the font atlas. */
export function characterSetOf(collection: AreaFeatureCollection): string {
  const chars = new Set<string>();
  for (let code = 32; code < 127; code++) chars.add(String.fromCharCode(code));
  for (const f of collection.features) for (const ch of f.properties.name) chars.add(ch);
  return [...chars].sort().join('');
}
