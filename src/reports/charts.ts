/**
 * Charts for the printed copies, drawn as SVG by Apache ECharts' server-side renderer:
 * in-process, no browser, no network. The SVG is the same for the same data (ECharts numbers
 * its classes per chart instance; they are renumbered here), so the documents that carry it
 * stay byte-for-byte reproducible.
 */
import { createRequire } from 'node:module';
import type * as Echarts from 'echarts';
import type { ChartSpec } from './model.js';

/** Loaded on first use: list commands that share the renderers never pay for it. */
const require = createRequire(import.meta.url);
let echarts: typeof Echarts | undefined;

const PALETTE = ['#2e7d32', '#1565c0', '#f9a825', '#c62828', '#6d4c41', '#6a1b9a'];

/** The chart as an SVG document of `width` × `height` px. */
export function chartSvg(spec: ChartSpec, width = 760, height = 260, fontFamily = 'DejaVu Sans, Arial, sans-serif'): string {
  echarts ??= require('echarts') as typeof Echarts;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      color: PALETTE,
      textStyle: { fontFamily, fontSize: 11 },
      title: { text: spec.title, left: 'center', textStyle: { fontSize: 13, fontFamily } },
      legend: { bottom: 0, textStyle: { fontFamily } },
      grid: { left: 40, right: 20, top: 35, bottom: spec.categories.length > 10 ? 80 : 55 },
      xAxis: { type: 'category', data: spec.categories, axisLabel: { interval: 0, rotate: spec.categories.length > 10 ? 45 : 0, fontFamily } },
      yAxis: { type: 'value', minInterval: 1 },
      series: spec.series.map((s) => ({ name: s.name, type: 'bar', stack: spec.stacked ? 'all' : undefined, data: s.values })),
    });
    return stableIds(chart.renderToSVGString());
  } finally {
    chart.dispose();
  }
}

/** Renumber ECharts' per-instance class and id names (`zr3-cls-7`) in order of appearance. */
function stableIds(svg: string): string {
  const names = new Map<string, string>();
  return svg.replace(/\bzr\d+-[A-Za-z]+-?\d*/g, (name) => names.get(name) ?? names.set(name, `c${names.size}`).get(name)!);
}
