// Confidence-interval error bars as an ECharts custom series: a whisker from lower to upper with
// caps, drawn over bar charts on a category axis (vertical or horizontal).
import type { CustomSeriesOption } from 'echarts';

/** One whisker: the category's index and the interval's ends. */
export type Interval = [index: number, lower: number, upper: number];

export function errorBarSeries(intervals: Interval[], orientation: 'vertical' | 'horizontal' = 'vertical', name = 'confidence interval'): CustomSeriesOption {
  return {
    type: 'custom',
    name,
    data: intervals,
    // Both ends map onto the value axis, so its extent covers the whole whisker (nothing clipped at the grid's edge).
    encode: orientation === 'vertical' ? { x: 0, y: [1, 2] } : { x: [1, 2], y: 0 },
    z: 10,
    tooltip: { show: false },
    renderItem: (_params, api) => {
      const index = Number(api.value(0));
      const lower = Number(api.value(1));
      const upper = Number(api.value(2));
      const vertical = orientation === 'vertical';
      const from = api.coord(vertical ? [index, lower] : [lower, index]);
      const to = api.coord(vertical ? [index, upper] : [upper, index]);
      const band = api.size ? (api.size(vertical ? [1, 0] : [0, 1]) as number[])[vertical ? 0 : 1] : 20;
      const cap = Math.max(4, band * 0.12);
      const style = { stroke: '#1f2937', lineWidth: 1.5 };
      const capAt = (point: number[]) =>
        vertical
          ? { type: 'line' as const, shape: { x1: point[0] - cap, y1: point[1], x2: point[0] + cap, y2: point[1] }, style }
          : { type: 'line' as const, shape: { x1: point[0], y1: point[1] - cap, x2: point[0], y2: point[1] + cap }, style };
      return {
        type: 'group',
        children: [{ type: 'line', shape: { x1: from[0], y1: from[1], x2: to[0], y2: to[1] }, style }, capAt(from), capAt(to)],
      };
    },
  };
}
