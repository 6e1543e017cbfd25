import type { Polarity } from '../schemas/atlas.js';

/**
 * ColorBrewer schemes (Cynthia A. Brewer, Pennsylvania State University, Apache-2.0), only
 * those ColorBrewer marks as colour-blind safe. Each scheme lists its published colours per
 * class count: 3–9 for sequential schemes, 3–11 for diverging ones.
 */
export type PaletteKind = 'sequential' | 'diverging';

export interface PaletteScheme {
  key: string;
  kind: PaletteKind;
  /** Published colours by class count. */
  colors: Readonly<Record<number, readonly string[]>>;
}

const split = (packed: string): string[] => packed.match(/.{6}/g)!.map((hex) => `#${hex}`);
const scheme = (key: string, kind: PaletteKind, firstSize: number, packed: readonly string[]): PaletteScheme => ({
  key,
  kind,
  colors: Object.fromEntries(packed.map((p, i) => [firstSize + i, split(p)])),
});

export const PALETTES = {
  OrRd: scheme('OrRd', 'sequential', 3, [
    'fee8c8fdbb84e34a33',
    'fef0d9fdcc8afc8d59d7301f',
    'fef0d9fdcc8afc8d59e34a33b30000',
    'fef0d9fdd49efdbb84fc8d59e34a33b30000',
    'fef0d9fdd49efdbb84fc8d59ef6548d7301f990000',
    'fff7ecfee8c8fdd49efdbb84fc8d59ef6548d7301f990000',
    'fff7ecfee8c8fdd49efdbb84fc8d59ef6548d7301fb300007f0000',
  ]),
  YlGnBu: scheme('YlGnBu', 'sequential', 3, [
    'edf8b17fcdbb2c7fb8',
    'ffffcca1dab441b6c4225ea8',
    'ffffcca1dab441b6c42c7fb8253494',
    'ffffccc7e9b47fcdbb41b6c42c7fb8253494',
    'ffffccc7e9b47fcdbb41b6c41d91c0225ea80c2c84',
    'ffffd9edf8b1c7e9b47fcdbb41b6c41d91c0225ea80c2c84',
    'ffffd9edf8b1c7e9b47fcdbb41b6c41d91c0225ea8253494081d58',
  ]),
  Blues: scheme('Blues', 'sequential', 3, [
    'deebf79ecae13182bd',
    'eff3ffbdd7e76baed62171b5',
    'eff3ffbdd7e76baed63182bd08519c',
    'eff3ffc6dbef9ecae16baed63182bd08519c',
    'eff3ffc6dbef9ecae16baed64292c62171b5084594',
    'f7fbffdeebf7c6dbef9ecae16baed64292c62171b5084594',
    'f7fbffdeebf7c6dbef9ecae16baed64292c62171b508519c08306b',
  ]),
  Purples: scheme('Purples', 'sequential', 3, [
    'efedf5bcbddc756bb1',
    'f2f0f7cbc9e29e9ac86a51a3',
    'f2f0f7cbc9e29e9ac8756bb154278f',
    'f2f0f7dadaebbcbddc9e9ac8756bb154278f',
    'f2f0f7dadaebbcbddc9e9ac8807dba6a51a34a1486',
    'fcfbfdefedf5dadaebbcbddc9e9ac8807dba6a51a34a1486',
    'fcfbfdefedf5dadaebbcbddc9e9ac8807dba6a51a354278f3f007d',
  ]),
  RdBu: scheme('RdBu', 'diverging', 3, [
    'ef8a62f7f7f767a9cf',
    'ca0020f4a58292c5de0571b0',
    'ca0020f4a582f7f7f792c5de0571b0',
    'b2182bef8a62fddbc7d1e5f067a9cf2166ac',
    'b2182bef8a62fddbc7f7f7f7d1e5f067a9cf2166ac',
    'b2182bd6604df4a582fddbc7d1e5f092c5de4393c32166ac',
    'b2182bd6604df4a582fddbc7f7f7f7d1e5f092c5de4393c32166ac',
    '67001fb2182bd6604df4a582fddbc7d1e5f092c5de4393c32166ac053061',
    '67001fb2182bd6604df4a582fddbc7f7f7f7d1e5f092c5de4393c32166ac053061',
  ]),
  PuOr: scheme('PuOr', 'diverging', 3, [
    'f1a340f7f7f7998ec3',
    'e66101fdb863b2abd25e3c99',
    'e66101fdb863f7f7f7b2abd25e3c99',
    'b35806f1a340fee0b6d8daeb998ec3542788',
    'b35806f1a340fee0b6f7f7f7d8daeb998ec3542788',
    'b35806e08214fdb863fee0b6d8daebb2abd28073ac542788',
    'b35806e08214fdb863fee0b6f7f7f7d8daebb2abd28073ac542788',
    '7f3b08b35806e08214fdb863fee0b6d8daebb2abd28073ac5427882d004b',
    '7f3b08b35806e08214fdb863fee0b6f7f7f7d8daebb2abd28073ac5427882d004b',
  ]),
} as const satisfies Record<string, PaletteScheme>;

export type PaletteKey = keyof typeof PALETTES;
export const PALETTE_KEYS = Object.keys(PALETTES) as PaletteKey[];
export const SEQUENTIAL_PALETTES = PALETTE_KEYS.filter((k) => PALETTES[k].kind === 'sequential');
export const DIVERGING_PALETTES = PALETTE_KEYS.filter((k) => PALETTES[k].kind === 'diverging');

/** Missing values: a plain mid grey that no scheme uses. */
export const NO_DATA_COLOR = '#bfc4ca';
/** Suppressed values: drawn white with grey hatching, so they never read as "low". */
export const SUPPRESSED_COLOR = '#ffffff';
export const SUPPRESSED_HATCH_COLOR = '#6b7480';

export function isPaletteKey(value: unknown): value is PaletteKey {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PALETTES, value);
}

/**
 * The scheme used when the planner picks none. Sequential maps of an indicator with a
 * judgement use orange–red, with dark meaning "needs attention" (reversed for
 * higher-is-better); neutral indicators use yellow–green–blue, which implies no judgement.
 * Diverging maps use red–blue, or purple–orange for neutral indicators.
 */
export function defaultPalette(polarity: Polarity, diverging: boolean): PaletteKey {
  if (diverging) return polarity === 'neutral' ? 'PuOr' : 'RdBu';
  return polarity === 'neutral' ? 'YlGnBu' : 'OrRd';
}

export interface ClassColorOptions {
  palette: PaletteKey;
  classCount: number;
  polarity: Polarity;
  /**
   * For a diverging map: how many classes lie below the centre (the city value, or 0 on a
   * change map). The rest lie above. Ignored for sequential palettes.
   */
  classesBelowCentre?: number;
}

/**
 * One colour per class, in ascending class order.
 *
 * Sequential: the published scheme for the class count; dark means high, or low for
 * higher-is-better indicators, so dark always marks the side that needs attention.
 *
 * Diverging: classes below the centre take the lower half of the scheme and classes above
 * it the upper half, each growing darker away from the centre, so equal distance from the
 * city value has equal weight on both sides even when the sides have different class
 * counts. For higher-is-worse indicators the red end marks "above the city".
 */
export function classColors(options: ClassColorOptions): string[] {
  const { classCount } = options;
  if (classCount <= 0) return [];
  const palette = PALETTES[options.palette];
  if (palette.kind === 'sequential') {
    const colors = sequentialColors(palette, classCount);
    return options.polarity === 'higher_is_better' ? colors.reverse() : colors;
  }
  const below = Math.min(classCount, Math.max(0, options.classesBelowCentre ?? Math.floor(classCount / 2)));
  const above = classCount - below;
  const half = Math.max(below, above);
  const [lowSide, highSide] = divergingHalves(palette, half);
  // Which end of the scheme lies above the centre: ColorBrewer's RdBu runs red → blue and
  // PuOr orange → purple. Red (the "worse" end) goes above the centre for higher-is-worse.
  const flip = options.polarity === 'higher_is_worse';
  const belowRamp = flip ? [...highSide].reverse() : lowSide; // far → near the centre
  const aboveRamp = flip ? [...lowSide].reverse() : highSide; // near → far from the centre
  return [...belowRamp.slice(half - below), ...aboveRamp.slice(0, above)];
}

function sequentialColors(palette: PaletteScheme, count: number): string[] {
  if (count >= 3 && palette.colors[count]) return [...palette.colors[count]!];
  const three = palette.colors[3]!;
  if (count === 1) return [three[1]!];
  if (count === 2) return [three[0]!, three[2]!];
  // Beyond the published sizes: spread the largest published scheme evenly.
  const sizes = Object.keys(palette.colors).map(Number);
  return interpolateRamp(palette.colors[Math.max(...sizes)]!, count);
}

/**
 * The two halves of a diverging scheme without its neutral middle: the lower half ordered
 * from the far end towards the centre, the upper half from the centre outwards.
 */
function divergingHalves(palette: PaletteScheme, half: number): [string[], string[]] {
  const evenSize = 2 * half;
  const published = palette.colors[evenSize];
  if (published) return [published.slice(0, half), published.slice(half)];
  if (half === 1) {
    const three = palette.colors[3]!;
    return [[three[0]!], [three[2]!]];
  }
  // More classes on one side than the scheme publishes: interpolate along the widest halves.
  const widest = palette.colors[10]!;
  return [interpolateRamp(widest.slice(0, 5), half), interpolateRamp(widest.slice(5), half)];
}

/** `count` colours spread evenly along the anchors, interpolated in RGB. */
export function interpolateRamp(anchors: readonly string[], count: number): string[] {
  if (count === 1) return [anchors[Math.floor(anchors.length / 2)]!];
  const rgb = anchors.map(hexToRgb);
  return Array.from({ length: count }, (_, i) => {
    const t = (i / (count - 1)) * (rgb.length - 1);
    const lo = Math.floor(t);
    const hi = Math.min(rgb.length - 1, lo + 1);
    const f = t - lo;
    const mix = rgb[lo]!.map((c, j) => Math.round(c + (rgb[hi]![j]! - c) * f)) as [number, number, number];
    return rgbToHex(mix);
  });
}

export function hexToRgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

export function rgbToHex([r, g, b]: readonly number[]): string {
  return `#${[r, g, b]
    .map((c) =>
      Math.max(0, Math.min(255, Math.round(c!)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** WCAG relative luminance, to pick black or white text on a class colour. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = hexToRgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The WCAG contrast ratio of two colours (1–21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Black or white, whichever reads better on the given background. */
export function textColorOn(background: string): '#000000' | '#ffffff' {
  return contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';
}
