// The two-proportion z-test, for comparing error rates (or any success rate) of two arms.
import { invalid } from '../errors/index.js';
import { normalInverseCdf, normalSurvival } from './normal-distribution.js';

/** Result of {@link twoProportionZTest}; difference is rate(b) − rate(a). */
export interface ProportionTestResult {
  rateA: number;
  rateB: number;
  difference: number;
  z: number;
  /** Two-sided p-value (pooled standard error under H0). */
  pValue: number;
  /** Wald interval of the difference (unpooled standard error). */
  lower: number;
  upper: number;
  confidence: number;
}

/**
 * Tests whether two proportions differ: `successesA` of `totalA` against `successesB` of `totalB`.
 *
 * @example
 * twoProportionZTest(30, 100, 20, 100); // error rate 30 % vs 20 %
 */
export function twoProportionZTest(successesA: number, totalA: number, successesB: number, totalB: number, confidence = 0.95): ProportionTestResult {
  if (!(totalA > 0 && totalB > 0)) throw invalid('both groups need at least one observation');
  if (successesA < 0 || successesA > totalA || successesB < 0 || successesB > totalB) {
    throw invalid('successes must lie between 0 and the group size');
  }
  const rateA = successesA / totalA;
  const rateB = successesB / totalB;
  const difference = rateB - rateA;
  const pooled = (successesA + successesB) / (totalA + totalB);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / totalA + 1 / totalB));
  const z = pooledSe === 0 ? 0 : difference / pooledSe;
  const pValue = pooledSe === 0 ? 1 : 2 * normalSurvival(Math.abs(z));
  const se = Math.sqrt((rateA * (1 - rateA)) / totalA + (rateB * (1 - rateB)) / totalB);
  const critical = normalInverseCdf(1 - (1 - confidence) / 2);
  return { rateA, rateB, difference, z, pValue, lower: difference - critical * se, upper: difference + critical * se, confidence };
}
