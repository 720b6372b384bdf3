// The budgets chart: one horizontal stacked bar per key or route, settled spend, reserved and what
// remains, in USD, so how close each is to its budget reads at a glance.
import type { EChartsOption } from 'echarts';
import { formatUsd } from '../../components/format';
import type { LimitRow } from './limit-types';

const PARTS = [
  { name: 'used (settled)', colour: '#4f6bed', value: (row: LimitRow) => row.usage.spendUsd.used },
  { name: 'reserved', colour: '#e8871e', value: (row: LimitRow) => row.usage.spendUsd.reserved },
  { name: 'remaining', colour: '#c8d3f5', value: (row: LimitRow) => row.usage.spendUsd.remaining ?? 0 },
] as const;

export function budgetOption(rows: LimitRow[]): EChartsOption {
  const label = (row: LimitRow) => `${row.kind} ${row.name}`;
  return {
    grid: { left: 16, right: 32, top: 36, bottom: 32, containLabel: true },
    legend: { top: 0, textStyle: { color: '#4b5563' } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (value) => formatUsd(Number(value)) },
    xAxis: {
      type: 'value',
      name: 'spend in the budget period (USD)',
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { color: '#6b7280' },
      axisLabel: { color: '#6b7280', formatter: (value: number) => (value === 0 ? '$0' : formatUsd(value)) },
      splitLine: { lineStyle: { color: '#eef0f4' } },
    },
    yAxis: { type: 'category', inverse: true, data: rows.map(label), axisLabel: { color: '#4b5563', width: 220, overflow: 'truncate' } },
    series: PARTS.map((part) => ({ type: 'bar', name: part.name, stack: 'budget', barMaxWidth: 24, itemStyle: { color: part.colour }, data: rows.map(part.value) })),
  };
}
