// Metrics from roll-ups (/api/metrics): a metric over time, and traffic over a range broken down
// by route or by model.
import { z } from 'zod';
import { BREAKDOWN_DIMENSIONS, ROLLUP_RESOLUTIONS } from '../monitoring/rollups/index.js';

/** Epoch milliseconds or an ISO 8601 time. */
export const TimeParamSchema = z.string().min(1).describe('Epoch milliseconds or ISO 8601');

export const TimeseriesQuerySchema = z.object({
  metric: z.string().min(1),
  step: z.enum(ROLLUP_RESOLUTIONS).default('minute'),
  from: TimeParamSchema.optional().describe('Default: one hour (step=minute) or one week (step=hour) ago'),
  to: TimeParamSchema.optional().describe('Default: now'),
  route: z.string().optional(),
  model: z.string().optional().describe('Model version id (or provider model name)'),
  key: z.string().optional().describe('API key id'),
});

export const TimeseriesSchema = z
  .object({ metric: z.string(), step: z.enum(ROLLUP_RESOLUTIONS), from: z.string(), to: z.string(), data: z.array(z.object({ t: z.string(), value: z.number() })) })
  .meta({ id: 'MetricTimeseries' });

export const BreakdownQuerySchema = z.object({
  by: z.enum(BREAKDOWN_DIMENSIONS),
  step: z.enum(ROLLUP_RESOLUTIONS).default('minute').describe('The roll-ups read: minute for ranges up to a week, hour beyond'),
  from: TimeParamSchema.optional().describe('Default: one hour (step=minute) or one week (step=hour) ago'),
  to: TimeParamSchema.optional().describe('Default: now'),
});

export const BreakdownRowSchema = z
  .object({
    name: z.string().nullable().describe('The route or model; null for calls made without one'),
    requests: z.number(),
    errors: z.number(),
    errorRate: z.number().nullable(),
    latencyP50Ms: z.number().nullable().describe('Over the whole range (the buckets’ histograms merged)'),
    latencyP95Ms: z.number().nullable(),
    tokens: z.number(),
    costUsd: z.number(),
  })
  .meta({ id: 'MetricBreakdownRow' });

export const BreakdownSchema = z
  .object({ by: z.enum(BREAKDOWN_DIMENSIONS), step: z.enum(ROLLUP_RESOLUTIONS), from: z.string(), to: z.string(), data: z.array(BreakdownRowSchema).describe('Busiest first') })
  .meta({ id: 'MetricBreakdown' });
