// The evaluation charts: per-metric means with confidence intervals, paired differences between two
// runs with their intervals around zero, and a leaderboard on one metric.
import type { EChartsOption } from 'echarts';
import { errorBarSeries } from '../../components/error-bars';
import type { EvalMetricAggregate, EvalMetricComparison, LeaderboardEntry } from '../../api/api-types';

const axisStyle = { axisLabel: { color: '#4b5563' }, splitLine: { lineStyle: { color: '#eef0f4' } } };

export function metricsOption(metrics: EvalMetricAggregate[]): EChartsOption {
  return {
    grid: { left: 48, right: 16, top: 32, bottom: 64 },
    tooltip: {
      trigger: 'item',
      formatter: (param) => {
        const metric = metrics[(param as { dataIndex: number }).dataIndex];
        const ci = metric.ci ? ` [${metric.ci.lower.toFixed(3)}, ${metric.ci.upper.toFixed(3)}] (${Math.round(metric.ci.confidence * 100)}% CI)` : '';
        return `${metric.name}: ${metric.mean?.toFixed(3) ?? '—'}${ci}<br/>n = ${metric.n}`;
      },
    },
    xAxis: {
      type: 'category',
      name: 'metric',
      nameLocation: 'middle',
      nameGap: metrics.some((metric) => metric.errors) ? 44 : 28,
      data: metrics.map((metric) => metric.name),
      // A metric that could not score some items says how many under its name, in red.
      axisLabel: {
        interval: 0,
        rotate: metrics.length > 5 ? 30 : 0,
        formatter: (value: string, index: number) => (metrics[index]?.errors ? `{name|${value}}\n{bad|${metrics[index].errors} errors}` : `{name|${value}}`),
        rich: { name: { color: '#4b5563', lineHeight: 16 }, bad: { color: '#c93636', fontWeight: 600, lineHeight: 16 } },
      },
    },
    yAxis: { type: 'value', name: 'mean score (0–1)', nameTextStyle: { color: '#6b7280', align: 'left' }, ...axisStyle },
    series: [
      { type: 'bar', name: 'mean', barMaxWidth: 48, data: metrics.map((metric) => metric.mean ?? 0) },
      errorBarSeries(metrics.flatMap((metric, index) => (metric.ci ? [[index, metric.ci.lower, metric.ci.upper] as [number, number, number]] : []))),
    ],
  };
}

const DIRECTION_COLOURS = { improved: '#14a37f', regressed: '#d64545', unchanged: '#9ca3af' } as const;

export function differencesOption(metrics: EvalMetricComparison[]): EChartsOption {
  return {
    grid: { left: 140, right: 24, top: 16, bottom: 36 },
    tooltip: {
      trigger: 'item',
      formatter: (param) => {
        const metric = metrics[(param as { dataIndex: number }).dataIndex];
        return `${metric.metric}: ${metric.meanA.toFixed(3)} → ${metric.meanB.toFixed(3)}<br/>difference ${metric.difference.toFixed(3)} [${metric.ci.lower.toFixed(3)}, ${metric.ci.upper.toFixed(3)}]<br/>p = ${metric.pValue.toPrecision(2)} · ${metric.direction}`;
      },
    },
    xAxis: { type: 'value', name: 'B − A', nameLocation: 'middle', nameGap: 24, ...axisStyle },
    yAxis: { type: 'category', name: 'metric', data: metrics.map((metric) => metric.metric) },
    series: [
      {
        type: 'bar',
        name: 'difference',
        barMaxWidth: 22,
        data: metrics.map((metric) => ({ value: metric.difference, itemStyle: { color: DIRECTION_COLOURS[metric.direction] } })),
        markLine: { silent: true, symbol: 'none', lineStyle: { color: '#374151', type: 'solid' }, data: [{ xAxis: 0 }], label: { show: false } },
      },
      errorBarSeries(metrics.map((metric, index) => [index, metric.ci.lower, metric.ci.upper]), 'horizontal'),
    ],
  };
}

export function leaderboardOption(entries: LeaderboardEntry[], metric: string, label: (entry: LeaderboardEntry) => string): EChartsOption {
  const rows = entries.filter((entry) => entry.metrics[metric]?.mean !== null && entry.metrics[metric] !== undefined);
  return {
    grid: { left: 160, right: 24, top: 8, bottom: 44 },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', name: `mean ${metric} (0–1)`, nameLocation: 'middle', nameGap: 24, ...axisStyle },
    yAxis: { type: 'category', inverse: true, data: rows.map(label), axisLabel: { width: 150, overflow: 'truncate' } },
    series: [
      { type: 'bar', name: metric, barMaxWidth: 20, data: rows.map((entry) => entry.metrics[metric].mean ?? 0) },
      errorBarSeries(
        rows.flatMap((entry, index) => {
          const ci = entry.metrics[metric].ci;
          return ci ? [[index, ci.lower, ci.upper] as [number, number, number]] : [];
        }),
        'horizontal',
      ),
    ],
  };
}
