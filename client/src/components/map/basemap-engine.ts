import { MapboxOverlay } from '@deck.gl/mapbox';
import { Map as MapLibreMap, setWorkerUrl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// MapLibre finds its worker next to its own module, which a bundle does not have: hand
// it the worker file Vite emits as an asset.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

setWorkerUrl(workerUrl);
import type { BBox } from '@lagebild/shared';
import type { Camera } from './camera';
import { MAX_ZOOM, MIN_ZOOM, type MapEngine, type MapEngineOptions } from './map-engine';

/**
 * deck.gl as an overlay on a MapLibre basemap. Loaded only when an installation configures
 * BASEMAP_STYLE_URL, so the default atlas never downloads MapLibre.
 */
export function createBasemapEngine(options: MapEngineOptions, styleUrl: string): MapEngine {
  const map = new MapLibreMap({
    container: options.container,
    style: styleUrl,
    center: [options.camera.longitude, options.camera.latitude],
    zoom: options.camera.zoom,
    minZoom: MIN_ZOOM,
    maxZoom: MAX_ZOOM,
    dragRotate: false,
    pitchWithRotate: false,
    attributionControl: { compact: true },
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
  });
  map.touchZoomRotate.disableRotation();
  map.on('error', (event) => options.onError(event.error instanceof Error ? event.error : new Error(String(event.error))));

  const overlay = new MapboxOverlay({
    interleaved: false,
    onHover: (info) => options.onHover(info),
    onClick: (info) => options.onClick(info),
    onAfterRender: () => options.onAfterRender(),
    onError: (error) => options.onError(error),
    getCursor: ({ isDragging, isHovering }) => (isDragging ? 'grabbing' : isHovering ? 'pointer' : 'grab'),
  });
  map.addControl(overlay);

  const camera = (): Camera => {
    const center = map.getCenter();
    return { longitude: center.lng, latitude: center.lat, zoom: map.getZoom() };
  };
  // Only moves the user made are reported (programmatic ones carry no originalEvent).
  map.on('moveend', (event) => {
    if ((event as { originalEvent?: unknown }).originalEvent) options.onCamera(camera());
  });

  return {
    setLayers: (layers) => overlay.setProps({ layers }),
    jumpTo: (next) => map.jumpTo({ center: [next.longitude, next.latitude], zoom: next.zoom }),
    fitBounds: (bounds: BBox, padding: number) =>
      map.fitBounds(
        [
          [bounds[0], bounds[1]],
          [bounds[2], bounds[3]],
        ],
        { padding, animate: false },
      ),
    zoomBy: (delta) => map.zoomTo(map.getZoom() + delta, { animate: false }),
    camera,
    project: (position) => {
      const point = map.project(position);
      return [point.x, point.y];
    },
    canvases: () => [map.getCanvas(), overlay.getCanvas()].filter((c): c is HTMLCanvasElement => c !== null),
    focusTarget: () => map.getCanvas(),
    finalize: () => {
      map.removeControl(overlay);
      overlay.finalize();
      map.remove();
    },
  };
}
