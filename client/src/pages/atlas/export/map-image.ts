import { NO_DATA_COLOR, SUPPRESSED_HATCH_COLOR } from '@lagebild/shared';

export interface MapImageLegendEntry {
  color: string;
  label: string;
  count: string;
  /** Drawn hatched (suppressed values). */
  hatched?: boolean;
}

export interface MapImageContent {
  /** The map as drawn, in device pixels. */
  map: HTMLCanvasElement;
  /** CSS pixels per device pixel of `map`. */
  pixelRatio: number;
  title: string;
  subtitle: string;
  legendTitle: string;
  legend: MapImageLegendEntry[];
  /** "Wert für Gladbeck: 18,5 %", below the legend. */
  reference: string | null;
  /** "Quelle: …, Stand …" and further lines (geometry, link). */
  footer: string[];
}

const FONT = 'system-ui, "Segoe UI", Roboto, Arial, sans-serif';
const TEXT = '#1c2430';
const MUTED = '#4b5563';

/**
 * A report-ready image of the map: title, period, the map itself, the legend with class
 * ranges and counts, and the source line. Drawn at the map's device resolution (at least
 * twice the CSS size), so it stays sharp when printed.
 */
export async function composeMapImage(content: MapImageContent): Promise<Blob> {
  const scale = Math.max(2, content.pixelRatio);
  const cssMapWidth = content.map.width / content.pixelRatio;
  const cssMapHeight = content.map.height / content.pixelRatio;
  const pad = 24;
  const legendWidth = 250;
  const width = pad + cssMapWidth + pad + legendWidth + pad;

  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = `13px ${FONT}`;
  const footerLines = content.footer.flatMap((line) => wrap(measure, line, width - 2 * pad));
  const titleBlock = 30 + 22 + 12;
  const legendHeight = 28 + content.legend.length * 24 + (content.reference ? 30 : 0);
  const bodyHeight = Math.max(cssMapHeight, legendHeight);
  const height = pad + titleBlock + bodyHeight + 16 + footerLines.length * 18 + pad;

  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);

  let y = pad;
  ctx.fillStyle = TEXT;
  ctx.textBaseline = 'top';
  ctx.font = `700 22px ${FONT}`;
  ctx.fillText(truncate(ctx, content.title, width - 2 * pad), pad, y);
  y += 30;
  ctx.font = `15px ${FONT}`;
  ctx.fillStyle = MUTED;
  ctx.fillText(truncate(ctx, content.subtitle, width - 2 * pad), pad, y);
  y += 22 + 12;

  ctx.drawImage(content.map, pad, y, cssMapWidth, cssMapHeight);
  ctx.strokeStyle = '#c5ccd4';
  ctx.lineWidth = 1;
  ctx.strokeRect(pad + 0.5, y + 0.5, cssMapWidth - 1, cssMapHeight - 1);

  const lx = pad + cssMapWidth + pad;
  let ly = y;
  ctx.fillStyle = TEXT;
  ctx.font = `700 14px ${FONT}`;
  ctx.fillText(truncate(ctx, content.legendTitle, legendWidth), lx, ly);
  ly += 28;
  ctx.font = `13px ${FONT}`;
  for (const entry of content.legend) {
    drawSwatch(ctx, lx, ly, entry);
    ctx.fillStyle = TEXT;
    ctx.textAlign = 'left';
    ctx.fillText(truncate(ctx, entry.label, legendWidth - 90), lx + 34, ly + 2);
    ctx.fillStyle = MUTED;
    ctx.textAlign = 'right';
    ctx.fillText(entry.count, lx + legendWidth, ly + 2);
    ctx.textAlign = 'left';
    ly += 24;
  }
  if (content.reference) {
    ctx.fillStyle = TEXT;
    ctx.fillText(truncate(ctx, content.reference, legendWidth), lx, ly + 8);
  }

  y += bodyHeight + 16;
  ctx.fillStyle = MUTED;
  ctx.font = `13px ${FONT}`;
  for (const line of footerLines) {
    ctx.fillText(line, pad, y);
    y += 18;
  }

  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG export failed'))), 'image/png'));
}

function drawSwatch(ctx: CanvasRenderingContext2D, x: number, y: number, entry: MapImageLegendEntry): void {
  const w = 26;
  const h = 16;
  ctx.fillStyle = entry.hatched ? '#ffffff' : entry.color || NO_DATA_COLOR;
  ctx.fillRect(x, y, w, h);
  if (entry.hatched) {
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, w, h);
    ctx.clip();
    ctx.strokeStyle = SUPPRESSED_HATCH_COLOR;
    ctx.lineWidth = 1.3;
    for (let i = -h; i < w; i += 5) {
      ctx.beginPath();
      ctx.moveTo(x + i, y + h);
      ctx.lineTo(x + i + h, y);
      ctx.stroke();
    }
    ctx.restore();
  }
  ctx.strokeStyle = 'rgba(0,0,0,0.3)';
  ctx.lineWidth = 1;
  ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
}

function wrap(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width > maxWidth && line) {
      lines.push(line);
      line = word;
    } else {
      line = next;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function truncate(ctx: CanvasRenderingContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > maxWidth) cut = cut.slice(0, -1);
  return `${cut}…`;
}
