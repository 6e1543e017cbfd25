import type { AreaLevel } from '../schemas/atlas.js';
import { AREA_LEVELS } from './vocabulary.js';
import type { AtlasMode, ChangeKind } from './choropleth.js';
import {
  CLASSIFICATION_METHODS,
  DEFAULT_CLASSES,
  MAX_CLASSES,
  MIN_CLASSES,
  normaliseManualBreaks,
  type ClassificationMethod,
} from './classification.js';
import { isPaletteKey, type PaletteKey } from './palettes.js';

/**
 * Everything that makes an atlas view, as it travels in the URL
 * (/atlas?indicator=sgb2_rate&period=2024&classification=natural_breaks&classes=5&view=6.98,51.57,11.8),
 * so every view is a link that can be pasted into minutes, mails and council papers.
 */
export interface AtlasView {
  indicator: string | null;
  period: string | null;
  level: AreaLevel;
  method: ClassificationMethod;
  classes: number;
  /** Inner limits for manual classes. */
  breaks: number[];
  palette: PaletteKey | null;
  diverging: boolean;
  mode: AtlasMode;
  /** Change mode: the period the change is measured from. */
  base: string | null;
  change: ChangeKind;
  /** The map camera; null fits the whole city. */
  camera: { longitude: number; latitude: number; zoom: number } | null;
  /** The area in focus (tooltip panel, time series, profile link). */
  area: string | null;
  /** Area names on the map; null decides by the number of areas (names of hundreds of areas would only clutter). */
  labels: boolean | null;
}

export const DEFAULT_ATLAS_VIEW: AtlasView = {
  indicator: null,
  period: null,
  level: 'district',
  method: 'quantile',
  classes: DEFAULT_CLASSES,
  breaks: [],
  palette: null,
  diverging: false,
  mode: 'status',
  base: null,
  change: 'absolute',
  camera: null,
  area: null,
  labels: null,
};

/** Parameter names people may have in older links or type by hand. */
const METHOD_ALIASES: Record<string, ClassificationMethod> = {
  jenks: 'natural_breaks',
  ckmeans: 'natural_breaks',
  natural: 'natural_breaks',
  equal: 'equal_interval',
  stddev: 'std_dev',
  std: 'std_dev',
};

export type AtlasQueryInput = Record<string, string | null | undefined | (string | null)[]>;

/** The names of parameters that were present but unusable, so the page can say so. */
export interface ParsedAtlasView {
  view: AtlasView;
  invalid: string[];
}

const KEY_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const PERIOD_PATTERN = /^\d{4}(-(H[12]|Q[1-4]|(0[1-9]|1[0-2])))?$/;

export function parseAtlasView(query: AtlasQueryInput): ParsedAtlasView {
  const invalid: string[] = [];
  const get = (name: string): string | null => {
    const raw = query[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  };
  const view: AtlasView = { ...DEFAULT_ATLAS_VIEW, breaks: [] };

  // Indicator and period keep whatever was asked for, so the page can name an unknown one.
  const indicator = get('indicator');
  if (indicator !== null) view.indicator = indicator.slice(0, 64);
  const period = get('period');
  if (period !== null) view.period = period.slice(0, 16);

  const level = get('level');
  if (level !== null) {
    if ((AREA_LEVELS as readonly string[]).includes(level) && level !== 'city') view.level = level as AreaLevel;
    else invalid.push('level');
  }

  const method = get('classification') ?? get('method');
  if (method !== null) {
    const normalised = method.toLowerCase().replace(/-/g, '_');
    const resolved = (CLASSIFICATION_METHODS as readonly string[]).includes(normalised)
      ? (normalised as ClassificationMethod)
      : METHOD_ALIASES[normalised.replace(/_/g, '')];
    if (resolved) view.method = resolved;
    else invalid.push('classification');
  }

  const classes = get('classes');
  if (classes !== null) {
    const n = Number(classes);
    if (Number.isInteger(n) && n >= MIN_CLASSES && n <= MAX_CLASSES) view.classes = n;
    else invalid.push('classes');
  }

  const breaks = get('breaks');
  if (breaks !== null) {
    const numbers = breaks
      .split(/[,;\s]+/)
      .filter(Boolean)
      .map(Number);
    if (numbers.length && numbers.every((n) => Number.isFinite(n))) view.breaks = normaliseManualBreaks(numbers);
    else invalid.push('breaks');
  }

  const palette = get('palette');
  if (palette !== null) {
    if (isPaletteKey(palette)) view.palette = palette;
    else invalid.push('palette');
  }

  const diverging = get('diverging');
  if (diverging !== null) view.diverging = diverging === '1' || diverging === 'true';

  const mode = get('mode');
  if (mode !== null) {
    if (mode === 'status' || mode === 'change') view.mode = mode;
    else invalid.push('mode');
  }
  const base = get('base');
  if (base !== null) {
    if (PERIOD_PATTERN.test(base)) view.base = base;
    else invalid.push('base');
  }
  const change = get('change');
  if (change !== null) {
    if (change === 'absolute' || change === 'relative') view.change = change;
    else invalid.push('change');
  }

  const camera = get('view');
  if (camera !== null) {
    const [longitude, latitude, zoom] = camera.split(',').map(Number);
    const valid =
      Number.isFinite(longitude) &&
      Number.isFinite(latitude) &&
      Number.isFinite(zoom) &&
      Math.abs(longitude!) <= 180 &&
      Math.abs(latitude!) <= 85 &&
      zoom! >= 0 &&
      zoom! <= 22;
    if (valid) view.camera = { longitude: longitude!, latitude: latitude!, zoom: zoom! };
    else invalid.push('view');
  }

  const area = get('area');
  if (area !== null) {
    if (KEY_PATTERN.test(area)) view.area = area;
    else invalid.push('area');
  }
  const labels = get('labels');
  if (labels !== null) {
    if (labels === '1' || labels === 'true') view.labels = true;
    else if (labels === '0' || labels === 'false') view.labels = false;
    else invalid.push('labels');
  }

  return { view, invalid };
}

/** The query for a view; defaults are left out so links stay short. Inverse of parseAtlasView. */
export function serializeAtlasView(view: AtlasView): Record<string, string> {
  const query: Record<string, string> = {};
  if (view.indicator) query.indicator = view.indicator;
  if (view.period) query.period = view.period;
  if (view.level !== DEFAULT_ATLAS_VIEW.level) query.level = view.level;
  if (view.mode !== 'status') query.mode = view.mode;
  if (view.mode === 'change' && view.base) query.base = view.base;
  if (view.mode === 'change' && view.change !== 'absolute') query.change = view.change;
  if (view.method !== DEFAULT_ATLAS_VIEW.method) query.classification = view.method;
  if (view.method === 'manual') {
    if (view.breaks.length) query.breaks = view.breaks.join(',');
  } else if (view.classes !== DEFAULT_ATLAS_VIEW.classes) {
    query.classes = String(view.classes);
  }
  if (view.palette) query.palette = view.palette;
  if (view.diverging) query.diverging = '1';
  if (view.camera) query.view = formatCamera(view.camera);
  if (view.area) query.area = view.area;
  if (view.labels !== null) query.labels = view.labels ? '1' : '0';
  return query;
}

/** Whether area names are drawn: as chosen, or automatically for up to 200 areas. */
export function labelsShown(view: Pick<AtlasView, 'labels'>, areaCount: number): boolean {
  return view.labels ?? areaCount <= 200;
}

/** lon,lat,zoom with the precision a city map needs (about a metre, a hundredth of a zoom level). */
export function formatCamera(camera: { longitude: number; latitude: number; zoom: number }): string {
  return `${camera.longitude.toFixed(5)},${camera.latitude.toFixed(5)},${camera.zoom.toFixed(2)}`;
}
