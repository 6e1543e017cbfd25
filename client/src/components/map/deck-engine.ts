import { Deck, MapView, WebMercatorViewport, type MapViewState } from '@deck.gl/core';
// deck.gl's WebGL adapter imports its device class lazily, which costs one more round trip
// after the Deck is created; referencing it here bundles it with the map code instead.
import { WebGLDevice } from '@luma.gl/webgl';
import type { BBox } from '@lagebild/shared';
import type { Camera } from './camera';
import { MAX_ZOOM, MIN_ZOOM, type MapEngine, type MapEngineOptions } from './map-engine';

/** Plain deck.gl on a neutral background: the default, and all an offline installation needs. */
export function createDeckEngine(options: MapEngineOptions): MapEngine {
  void WebGLDevice;
  let viewState: MapViewState = { ...options.camera, pitch: 0, bearing: 0, minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM };
  const size = () => ({ width: options.container.clientWidth || 1, height: options.container.clientHeight || 1 });

  const deck = new Deck({
    parent: options.container,
    views: new MapView({ repeat: false }),
    viewState,
    controller: { dragRotate: false, touchRotate: false, keyboard: true, doubleClickZoom: true, scrollZoom: true, inertia: false },
    // preserveDrawingBuffer keeps the last frame readable for PNG export and pixel tests.
    deviceProps: { type: 'webgl', webgl: { preserveDrawingBuffer: true, antialias: true } },
    useDevicePixels: true,
    // Controlled camera: programmatic jumps and user gestures go through the same setProps.
    onViewStateChange: ({ viewState: next }) => {
      const before = toCamera(viewState);
      viewState = next as MapViewState;
      deck.setProps({ viewState });
      // deck.gl also reports normalisations of an unchanged camera (e.g. on start-up); only real moves count.
      if (!sameCamera(before, toCamera(viewState))) options.onCamera(toCamera(viewState));
    },
    onHover: (info) => options.onHover(info),
    onClick: (info) => options.onClick(info),
    onAfterRender: () => options.onAfterRender(),
    onError: (error) => options.onError(error),
    getCursor: ({ isDragging, isHovering }) => (isDragging ? 'grabbing' : isHovering ? 'pointer' : 'grab'),
  });

  function jump(next: MapViewState): void {
    // Programmatic moves are not reported: only what the user does changes the URL.
    viewState = { ...viewState, ...next };
    deck.setProps({ viewState });
  }

  return {
    setLayers: (layers) => deck.setProps({ layers }),
    jumpTo: (camera) => jump({ ...viewState, ...camera }),
    fitBounds(bounds: BBox, padding: number) {
      const { width, height } = size();
      const pad = Math.max(0, Math.min(padding, Math.floor(Math.min(width, height) / 2) - 1));
      const fitted = new WebMercatorViewport({ width, height }).fitBounds(
        [
          [bounds[0], bounds[1]],
          [bounds[2], bounds[3]],
        ],
        { padding: pad },
      );
      jump({ ...viewState, longitude: fitted.longitude, latitude: fitted.latitude, zoom: clampZoom(fitted.zoom) });
    },
    zoomBy: (delta) => jump({ ...viewState, zoom: clampZoom(viewState.zoom + delta) }),
    camera: () => toCamera(viewState),
    project(position) {
      const { width, height } = size();
      const [x, y] = new WebMercatorViewport({ ...viewState, width, height }).project(position);
      return [x!, y!];
    },
    canvases: () => {
      const canvas = deck.getCanvas();
      return canvas ? [canvas] : [];
    },
    focusTarget: () => deck.getCanvas(),
    finalize: () => deck.finalize(),
  };
}

function sameCamera(a: Camera, b: Camera): boolean {
  return Math.abs(a.longitude - b.longitude) < 1e-6 && Math.abs(a.latitude - b.latitude) < 1e-6 && Math.abs(a.zoom - b.zoom) < 1e-4;
}

function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

function toCamera(viewState: MapViewState): Camera {
  return { longitude: viewState.longitude, latitude: viewState.latitude, zoom: viewState.zoom };
}
