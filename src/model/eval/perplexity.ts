// Perplexity of a model on text: exp of the mean next-token cross-entropy over windows of the
// context length. Used to compare versions and to measure what int8 quantisation costs.
import type { BuiltinModel } from '../io/model-files.js';
import { weightViews } from '../nn/parameters.js';
import { weightedCrossEntropy } from '../nn/token-loss.js';
import { TransformerGraph } from '../nn/transformer-graph.js';
import { packBatch, type TrainSequence } from '../train/objectives.js';

/** Perplexity and the numbers behind it. */
export interface PerplexityResult {
  perplexity: number;
  /** Mean cross-entropy in nats per token. */
  loss: number;
  tokens: number;
}

/** Evaluates texts (each prefixed with <|endoftext|>, cut into context-length windows) or ready sequences. */
export function evaluatePerplexity(model: BuiltinModel, input: readonly string[] | readonly TrainSequence[]): PerplexityResult {
  const c = model.config;
  const t = model.tokenizer;
  const seqs: TrainSequence[] = [];
  for (const item of input) {
    if (typeof item !== 'string') {
      seqs.push(item);
      continue;
    }
    const ids = [t.special('<|endoftext|>'), ...t.encode(item)];
    for (let i = 0; i + 1 < ids.length; i += c.contextLength) {
      const w = ids.slice(i, i + c.contextLength + 1);
      seqs.push({ ids: w, mask: w.map((_, j) => (j === 0 ? 0 : 1)) });
    }
  }
  const graph = new TransformerGraph(c);
  const w = weightViews(c, model.weights);
  let loss = 0;
  let tokens = 0;
  for (let i = 0; i < seqs.length; i += 8) {
    const p = packBatch(seqs.slice(i, i + 8), t.special('<|pad|>'), c.contextLength);
    const logits = graph.forward(w, p.tokens, p.B, p.T);
    loss += weightedCrossEntropy(logits, p.targets, p.weights, p.B * p.T, c.vocabSize, null, 1);
    for (const x of p.weights) tokens += x;
  }
  const mean = loss / Math.max(1, tokens);
  return { perplexity: Math.exp(mean), loss: mean, tokens };
}
