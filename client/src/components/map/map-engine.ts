import type { LayersList, PickingInfo } from '@deck.gl/core';
import type { BBox } from '@lagebild/shared';
import type { Camera } from './camera';

/**
 * What the map wrapper needs from whatever draws the map: plain deck.gl, or deck.gl as an
 * overlay on a MapLibre basemap. Keeps the wrapper component free of either API.
 */
export interface MapEngine {
  setLayers(layers: LayersList): void;
  jumpTo(camera: Camera): void;
  fitBounds(bounds: BBox, padding: number): void;
  zoomBy(delta: number): void;
  camera(): Camera;
  /** Screen position (CSS pixels, relative to the map) of a longitude/latitude. */
  project(position: [number, number]): [number, number];
  /** The canvases to compose for an image export, bottom first. */
  canvases(): HTMLCanvasElement[];
  /** The element that takes keyboard focus for panning and zooming. */
  focusTarget(): HTMLElement | null;
  finalize(): void;
}

export interface MapEngineOptions {
  container: HTMLDivElement;
  camera: Camera;
  onHover(info: PickingInfo): void;
  onClick(info: PickingInfo): void;
  /** The user moved the map (pan, zoom, keyboard); programmatic moves are not reported. */
  onCamera(camera: Camera): void;
  onAfterRender(): void;
  onError(error: Error): void;
}

export const MIN_ZOOM = 8;
export const MAX_ZOOM = 18;
