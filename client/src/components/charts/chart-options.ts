import type { ChartOption } from './chart-types';

const AREA_COLOR = '#1d4f73';
const CITY_COLOR = '#5f6b78';
const TITLE = { fontSize: 14, fontWeight: 'bold' as const, color: '#1c2430' };
const AXIS = { axisLine: { lineStyle: { color: '#8a94a1' } }, axisLabel: { color: '#1c2430' }, splitLine: { lineStyle: { color: '#e3e7ec' } } };

export interface SeriesInput {
  name: string;
  values: (number | null)[];
}

/** One area against the city over all periods; gaps where a value is missing or suppressed. */
export function timeSeriesOption(input: {
  title: string;
  periods: string[];
  area: SeriesInput;
  city: SeriesInput | null;
  unit: string;
  format: (value: number) => string;
}): ChartOption {
  const series: ChartOption['series'] = [
    {
      type: 'line',
      name: input.area.name,
      data: input.area.values,
      connectNulls: false,
      symbolSize: 7,
      lineStyle: { width: 3, color: AREA_COLOR },
      itemStyle: { color: AREA_COLOR },
    },
  ];
  if (input.city) {
    series.push({
      type: 'line',
      name: input.city.name,
      data: input.city.values,
      connectNulls: false,
      symbol: 'rect',
      symbolSize: 6,
      lineStyle: { width: 2, type: 'dashed', color: CITY_COLOR },
      itemStyle: { color: CITY_COLOR },
    });
  }
  return {
    animation: false,
    title: { text: input.title, left: 0, textStyle: { ...TITLE, width: 560, overflow: 'truncate' } },
    legend: { bottom: 0, left: 0, textStyle: { color: '#1c2430' } },
    // containLabel makes room for tick labels, not for the rotated axis name: leave space for it.
    grid: { left: 28, right: 16, top: 40, bottom: 32, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? input.format(v) : '–') },
    xAxis: { type: 'category', data: input.periods, boundaryGap: false, ...AXIS },
    yAxis: {
      type: 'value',
      name: input.unit,
      nameLocation: 'middle',
      nameGap: 44,
      nameRotate: 90,
      scale: true,
      nameTextStyle: { color: '#1c2430' },
      ...AXIS,
      axisLabel: { color: '#1c2430', formatter: (v: number) => input.format(v) },
    },
    series,
  };
}

/** Areas ranked by value as horizontal bars in their class colours, with the city as a line. */
export function rankingOption(input: {
  title: string;
  rows: { name: string; value: number; color: string }[];
  reference: { name: string; value: number } | null;
  unit: string;
  format: (value: number) => string;
}): ChartOption {
  // Highest on top: ECharts draws category axes bottom-up.
  const rows = [...input.rows].sort((a, b) => a.value - b.value);
  return {
    animation: false,
    title: { text: input.title, left: 0, textStyle: { ...TITLE, width: 560, overflow: 'truncate' } },
    grid: { left: 8, right: 56, top: 56, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (typeof v === 'number' ? input.format(v) : '–') },
    xAxis: { type: 'value', scale: false, ...AXIS, axisLabel: { color: '#1c2430', formatter: (v: number) => input.format(v) } },
    yAxis: { type: 'category', data: rows.map((r) => r.name), ...AXIS, splitLine: { show: false } },
    series: [
      {
        type: 'bar',
        name: input.title,
        data: rows.map((r) => ({ value: r.value, itemStyle: { color: r.color, borderColor: '#5f6b78', borderWidth: 0.5 } })),
        barMaxWidth: 22,
        label: { show: rows.length <= 40, position: 'right', color: '#1c2430', formatter: (p) => input.format(Number(p.value)) },
        markLine: input.reference
          ? {
              symbol: 'none',
              lineStyle: { color: '#1c2430', type: 'dashed', width: 1.5 },
              label: { formatter: `${input.reference.name}: ${input.format(input.reference.value)}`, color: '#1c2430', position: 'end', distance: 4 },
              data: [{ xAxis: input.reference.value }],
            }
          : undefined,
      },
    ],
  };
}

/** Two indicators against each other, one labelled point per area, the city as a cross. */
export function scatterOption(input: {
  title: string;
  points: { name: string; x: number; y: number; color: string }[];
  reference: { name: string; x: number; y: number } | null;
  xName: string;
  yName: string;
  formatX: (value: number) => string;
  formatY: (value: number) => string;
}): ChartOption {
  const series: ChartOption['series'] = [
    {
      type: 'scatter',
      name: input.title,
      symbolSize: 12,
      data: input.points.map((p) => ({ value: [p.x, p.y], name: p.name, itemStyle: { color: p.color, borderColor: '#1c2430', borderWidth: 1 } })),
      label: { show: input.points.length <= 60, position: 'right', color: '#1c2430', formatter: (p) => p.name },
      labelLayout: { hideOverlap: true },
    },
  ];
  if (input.reference) {
    series.push({
      type: 'scatter',
      name: input.reference.name,
      symbol: 'diamond',
      symbolSize: 16,
      data: [{ value: [input.reference.x, input.reference.y], name: input.reference.name, itemStyle: { color: '#1c2430' } }],
      label: { show: true, position: 'left', color: '#1c2430', fontWeight: 'bold', formatter: (p) => p.name },
    });
  }
  return {
    animation: false,
    // A long pair of indicator names breaks into two lines, which need a line height not to overlap.
    title: { text: input.title, left: 0, textStyle: { ...TITLE, width: 760, overflow: 'break', lineHeight: 18 } },
    // Room for a title of two lines.
    grid: { left: 32, right: 40, top: 80, bottom: 28, containLabel: true },
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const item = Array.isArray(p) ? p[0]! : p;
        const [x, y] = item.value as [number, number];
        return `<strong>${escapeHtml(item.name)}</strong><br>${escapeHtml(input.xName)}: ${input.formatX(x)}<br>${escapeHtml(input.yName)}: ${input.formatY(y)}`;
      },
    },
    xAxis: { type: 'value', name: input.xName, nameLocation: 'middle', nameGap: 28, scale: true, ...AXIS, nameTextStyle: { color: '#1c2430' } },
    yAxis: {
      type: 'value',
      name: input.yName,
      nameLocation: 'middle',
      nameGap: 36,
      nameRotate: 90,
      scale: true,
      ...AXIS,
      nameTextStyle: { color: '#1c2430' },
      // A long indicator name would run up into the title; the tooltip names it in full.
      nameTruncate: { maxWidth: 230 },
    },
    series,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
