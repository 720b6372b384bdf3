// Reads a judge's verdict: a JSON object with a numeric `score`, or a line such as "Score: 7/10".
// Anything else is an error for the item, never a silent zero.

export interface JudgeVerdict {
  score: number;
  reasoning?: string;
}

const SCORE_LINE = /\bscore\s*(?:is|[:=])?\s*\**\s*(-?\d+(?:\.\d+)?)\s*(?:\/\s*(\d+(?:\.\d+)?))?/i;

/**
 * Extracts a score in [min, max] from the judge's answer.
 * @returns the verdict, or a string saying why the answer could not be read.
 */
export function parseJudgeVerdict(answer: string, min: number, max: number): JudgeVerdict | string {
  const verdict = fromJson(answer) ?? fromScoreLine(answer);
  if (verdict === undefined) return 'the judge answer has no score (expected JSON {"score": N} or "Score: N")';
  if (!Number.isFinite(verdict.score) || verdict.score < min || verdict.score > max) {
    return `the judge score ${verdict.score} is outside ${min}..${max}`;
  }
  return verdict;
}

function fromJson(answer: string): JudgeVerdict | undefined {
  const start = answer.indexOf('{');
  const end = answer.lastIndexOf('}');
  if (start === -1 || end <= start) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(answer.slice(start, end + 1));
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || !('score' in value)) return undefined;
  const raw = value.score;
  const score = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  if (Number.isNaN(score)) return undefined;
  const reasoning = 'reasoning' in value && typeof value.reasoning === 'string' ? value.reasoning : undefined;
  return reasoning === undefined ? { score } : { score, reasoning };
}

function fromScoreLine(answer: string): JudgeVerdict | undefined {
  const match = SCORE_LINE.exec(answer);
  if (match === null) return undefined;
  return { score: Number(match[1]), reasoning: answer.trim() };
}
