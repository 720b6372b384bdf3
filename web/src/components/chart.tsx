// An ECharts chart that follows its option and its container's size. Only the chart kinds the
// dashboard draws are registered, which keeps the bundle small.
import { BarChart, CustomChart, GraphChart, LineChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import { useEffect, useRef } from 'react';

echarts.use([LineChart, BarChart, CustomChart, GraphChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, MarkLineComponent, DataZoomComponent, CanvasRenderer]);

/** The dashboard's series colours, in order. */
export const PALETTE = ['#4f6bed', '#14a37f', '#e8871e', '#d64545', '#8e5bd6', '#2a9fd8', '#b8860b'];

export interface ChartProps {
  option: EChartsOption;
  height?: number;
  /** Accessible name; tests find charts by it. */
  label: string;
  /** Called with the clicked item's data (graph nodes, bars). */
  onItemClick?(data: unknown): void;
}

export function Chart({ option, height = 240, label, onItemClick }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onItemClick);
  clickRef.current = onItemClick;

  useEffect(() => {
    if (!element.current) return;
    const instance = echarts.init(element.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (event) => clickRef.current?.(event.data));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element.current);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ color: PALETTE, animation: false, textStyle: { fontFamily: 'inherit' }, ...option }, { notMerge: true });
  }, [option]);

  return <div className="chart" ref={element} style={{ height }} role="img" aria-label={label} data-chart={label} />;
}

/** Axis and grid settings shared by the time-series charts. */
export function timeAxes(yName: string, yFormatter?: (value: number) => string): Pick<EChartsOption, 'grid' | 'xAxis' | 'yAxis' | 'tooltip'> {
  return {
    // containLabel: long value labels ($0.0012, 1,234 ms) widen the grid instead of being clipped.
    grid: { left: 12, right: 20, top: 32, bottom: 30, containLabel: true },
    xAxis: { type: 'time', name: 'time', nameLocation: 'middle', nameGap: 26, nameTextStyle: { color: '#6b7280' }, axisLine: { lineStyle: { color: '#c8cdd6' } }, axisLabel: { color: '#6b7280', hideOverlap: true } },
    yAxis: {
      type: 'value',
      name: yName,
      nameTextStyle: { color: '#6b7280', align: 'left' },
      axisLabel: { color: '#6b7280', ...(yFormatter ? { formatter: (value: number) => yFormatter(value) } : {}) },
      splitLine: { lineStyle: { color: '#eef0f4' } },
    },
    tooltip: { trigger: 'axis' },
  };
}
