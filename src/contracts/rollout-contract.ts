// Rollouts (/api/rollouts): canary rollouts of a target on a route in steps, the guards that keep
// the canary within limits of its baseline, the last tick's verdict, and the event history.
import { z } from 'zod';
import {
  GUARD_METRICS,
  GUARD_TESTS,
  ROLLOUT_EVENT_KINDS,
  ROLLOUT_STATUSES,
  type GuardCheck,
  type RolloutEvent,
  type RolloutEventData,
  type RolloutGuards,
  type RolloutRecord,
  type RolloutVerdict,
} from '../deployments/index.js';
import type { Agree } from './common-contract.js';

const EvalGateRefSchema = z.object({ model: z.string().min(1), gate: z.string().min(1) }).strict().describe('A registry gate the target must pass before the last step');

/** The guards as a rollout holds them: the defaults filled in. */
export const RolloutGuardsSchema = z
  .object({
    maxErrorRateIncrease: z.number().describe('Canary error rate minus baseline error rate may not exceed this (absolute, 0–1)'),
    maxP95LatencyRatio: z.number().describe('Canary p95 latency may not exceed baseline p95 times this'),
    maxFeedbackDrop: z.number().describe('Baseline feedback mean minus canary feedback mean may not exceed this'),
    minComparableSamples: z.number().describe('Samples each side needs before latency and feedback are compared'),
    evalGate: EvalGateRefSchema.optional(),
    test: z.enum(GUARD_TESTS).optional().describe('fixed: point estimates against the limits; sequential: always-valid confidence sequences'),
    alpha: z.number().optional().describe('Error level of the sequential guards over the whole rollout'),
  })
  .meta({ id: 'RolloutGuards' });

/** Guards a caller sets; each one left out takes its default. */
export const RolloutGuardsBodySchema = z
  .object({
    maxErrorRateIncrease: z.number().min(0).max(1).optional().describe('Default 0.05'),
    maxP95LatencyRatio: z.number().min(1).optional().describe('Default 1.5'),
    maxFeedbackDrop: z.number().min(0).optional().describe('Default 0.1'),
    minComparableSamples: z.number().int().min(1).optional().describe('Default 5'),
    evalGate: EvalGateRefSchema.optional(),
    test: z.enum(GUARD_TESTS).optional().describe('Default fixed'),
    alpha: z.number().gt(0).lt(0.5).optional().describe('Default 0.05'),
  })
  .strict();

export const RolloutGuardCheckSchema = z
  .object({
    metric: z.enum(GUARD_METRICS),
    nCanary: z.number(),
    nBaseline: z.number(),
    difference: z.number().nullable().describe('null while an arm has no data'),
    lower: z.number().nullable(),
    upper: z.number().nullable(),
    pValue: z.number(),
    limit: z.number().describe('The difference beyond which the guard breaks'),
    broken: z.boolean(),
  })
  .meta({ id: 'RolloutGuardCheck' });

export const RolloutVerdictSchema = z
  .object({
    at: z.string(),
    percent: z.number().describe('The step’s share of traffic on the canary'),
    ok: z.boolean(),
    reason: z.string().nullable().describe('Why a guard broke'),
    test: z.enum(GUARD_TESTS),
    checks: z.array(RolloutGuardCheckSchema).describe('The sequential checks (empty under the fixed test)'),
    canaryRequests: z.number(),
    baselineRequests: z.number(),
    enough: z.boolean().describe('Whether the canary had its minimum requests, so the verdict could act'),
  })
  .meta({ id: 'RolloutVerdict' });

export const RolloutSchema = z
  .object({
    id: z.string(),
    route: z.string(),
    target: z.string(),
    status: z.enum(ROLLOUT_STATUSES),
    steps: z.array(z.number()),
    stepIndex: z.number(),
    percent: z.number().describe('Share of traffic on the target now'),
    stepStartedAt: z.string(),
    minStepSeconds: z.number(),
    minRequests: z.number(),
    guards: RolloutGuardsSchema,
    baselineRevision: z.number(),
    lastRevision: z.number().nullable(),
    reason: z.string().nullable(),
    createdBy: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    verdict: RolloutVerdictSchema.nullable().describe('What the controller’s last tick saw; null before it looked'),
  })
  .meta({ id: 'Rollout' });

export const RolloutEventDataSchema = z
  .object({
    steps: z.array(z.number()).optional().describe('started: the steps of the plan'),
    percent: z.number().optional().describe('step: the share of traffic now on the target'),
    revision: z.number().optional().describe('step, aborted, rolled_back, completed: the route revision written'),
    canaryRequests: z.number().optional().describe('step: requests the canary saw in the step it left'),
    baselineRequests: z.number().optional(),
  })
  .meta({ id: 'RolloutEventData' });

export const RolloutEventSchema = z
  .object({
    id: z.string(),
    rolloutId: z.string(),
    at: z.string(),
    kind: z.enum(ROLLOUT_EVENT_KINDS),
    message: z.string(),
    data: RolloutEventDataSchema.nullable().describe('null for paused, resumed and gate_failed'),
  })
  .meta({ id: 'RolloutEvent' });

export const StartRolloutBodySchema = z
  .object({
    route: z.string().min(1),
    target: z.string().min(1).max(300).describe('A registry version (support-003) or provider/model'),
    steps: z.array(z.number()).min(1).max(20).optional().describe('Percentages of traffic, increasing, ending at 100; default 5, 25, 50, 100'),
    minStepSeconds: z.number().min(0).max(7 * 86_400).optional().describe('Default 300'),
    minRequests: z.number().int().min(1).max(1_000_000).optional().describe('Requests the canary needs in a step before it moves on; default 50'),
    guards: RolloutGuardsBodySchema.optional(),
    reason: z.string().max(2000).optional(),
  })
  .strict()
  .meta({ examples: [{ route: 'support-bot', target: 'support-003', steps: [10, 50, 100], minStepSeconds: 600, guards: { maxErrorRateIncrease: 0.02, test: 'sequential' } }] });

export const RolloutQuerySchema = z.object({ route: z.string().optional(), status: z.enum(ROLLOUT_STATUSES).optional() });

// The domain's records and the contract agree both ways: a field added to one side fails the build.
true satisfies Agree<RolloutGuards, z.infer<typeof RolloutGuardsSchema>>;
true satisfies Agree<Partial<RolloutGuards>, z.infer<typeof RolloutGuardsBodySchema>>;
true satisfies Agree<GuardCheck, z.infer<typeof RolloutGuardCheckSchema>>;
true satisfies Agree<RolloutVerdict, z.infer<typeof RolloutVerdictSchema>>;
true satisfies Agree<RolloutRecord, z.infer<typeof RolloutSchema>>;
true satisfies Agree<RolloutEventData, z.infer<typeof RolloutEventDataSchema>>;
true satisfies Agree<RolloutEvent, z.infer<typeof RolloutEventSchema>>;
