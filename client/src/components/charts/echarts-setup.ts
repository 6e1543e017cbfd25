/**
 * ECharts with only what Lagebild draws (line, bar, scatter; canvas for the screen, SVG
 * for vector export), so the chart chunk stays small. Imported lazily by EChart.vue.
 */
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

use([
  LineChart,
  BarChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  MarkLineComponent,
  AriaComponent,
  LabelLayout,
  CanvasRenderer,
  SVGRenderer,
]);

export { init };
