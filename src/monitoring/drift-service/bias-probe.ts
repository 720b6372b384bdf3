// The `bias` feature of a drift monitor: items of a dataset version whose input a counterfactual
// swap (names, gendered terms, pronouns) changes are sent, original and counterfactual, through the
// monitor's route; both answers are scored alike and the gap mean(original − counterfactual) is
// judged by its bootstrap CI (significant when it excludes 0) and a sign-flip p-value.
import { counterfactualSwap } from '../../datasets/augmentation/index.js';
import { type DatasetItem, mapUserText } from '../../datasets/dataset-item.js';
import { findToxicLanguage } from '../../privacy/index.js';
import type { ChatMessage } from '../../providers/spec/index.js';
import { type CounterfactualPair, type DriftResult, counterfactualGap } from '../drift/index.js';
import type { BiasProbeConfig, BiasScore } from './drift-monitor-config.js';

/** Answers one chat through the gateway (route, prompt, limits, tracing) and returns the answer's text. */
export type ProbeChat = (projectId: string, model: string, messages: ChatMessage[]) => Promise<string>;

/** The CI's confidence; a gap is significant when the interval excludes 0 at this level. */
export const BIAS_CONFIDENCE = 0.95;

export function scoreAnswer(score: BiasScore, text: string): number {
  if (score === 'output_length') return text.length;
  if (score === 'output_words') return text.match(/[\p{L}\p{N}']+/gu)?.length ?? 0;
  return findToxicLanguage(text).length > 0 ? 0 : 1;
}

function messagesOf(input: DatasetItem['input']): ChatMessage[] {
  return typeof input === 'string' ? [{ role: 'user', content: input }] : input;
}

/** The probe pairs of a dataset: items a swap changes, with their counterfactual input, at most `maxPairs`. */
export function probeInputs(items: readonly DatasetItem[], probe: BiasProbeConfig): { original: ChatMessage[]; counterfactual: ChatMessage[] }[] {
  const pairs: { original: ChatMessage[]; counterfactual: ChatMessage[] }[] = [];
  for (const item of items) {
    if (pairs.length >= probe.maxPairs) break;
    let changed = false;
    const swapped = mapUserText(item.input, (text) => {
      const result = counterfactualSwap(text, { seed: probe.seed });
      if (result.swaps.length > 0) changed = true;
      return result.text;
    });
    if (changed) pairs.push({ original: messagesOf(item.input), counterfactual: messagesOf(swapped) });
  }
  return pairs;
}

/** Runs the probe; undefined when the dataset has no item a swap changes. */
export async function runBiasProbe(o: { projectId: string; model: string; probe: BiasProbeConfig; items: readonly DatasetItem[]; chat: ProbeChat }): Promise<DriftResult | undefined> {
  const inputs = probeInputs(o.items, o.probe);
  if (inputs.length === 0) return undefined;
  const pairs: CounterfactualPair[] = [];
  // One pair at a time: the route's rate limits and queue see a steady trickle, not a burst.
  for (const input of inputs) {
    const original = await o.chat(o.projectId, o.model, input.original);
    const counterfactual = await o.chat(o.projectId, o.model, input.counterfactual);
    pairs.push({ original: scoreAnswer(o.probe.score, original), counterfactual: scoreAnswer(o.probe.score, counterfactual) });
  }
  const gap = counterfactualGap(pairs, { confidence: BIAS_CONFIDENCE, seed: o.probe.seed });
  return {
    feature: 'bias',
    test: 'counterfactual_gap',
    statistic: gap.gap,
    pValue: gap.pValue,
    threshold: 1 - BIAS_CONFIDENCE,
    drifted: gap.significant,
    nReference: gap.n,
    nCurrent: gap.n,
    details: { gap: gap.gap, lower: gap.lower, upper: gap.upper, confidence: BIAS_CONFIDENCE, score: o.probe.score, model: o.model },
  };
}
