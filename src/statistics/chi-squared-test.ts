// Pearson's chi-squared test of homogeneity: do two (or more) samples of a categorical variable
// come from the same distribution? Input is one row of category counts per sample.
import { invalid } from '../errors/index.js';
import { chiSquaredSurvival } from './chi-squared-distribution.js';

/** Result of {@link chiSquaredHomogeneityTest}. */
export interface ChiSquaredResult {
  statistic: number;
  df: number;
  pValue: number;
  /** Categories kept (those with a non-zero column total). */
  categories: number;
}

/**
 * Chi-squared test on an r × k contingency table of counts (rows = samples, columns = categories).
 * Columns empty in every row are dropped; no continuity correction (scipy `chi2_contingency(..., correction=False)`).
 *
 * @example
 * chiSquaredHomogeneityTest([[10, 20], [20, 10]]); // statistic 6.667, df 1
 */
export function chiSquaredHomogeneityTest(table: readonly (readonly number[])[]): ChiSquaredResult {
  if (table.length < 2) throw invalid('the chi-squared test needs at least two rows of counts');
  const k = table[0].length;
  for (const row of table) {
    if (row.length !== k) throw invalid('every row of the contingency table needs the same number of categories');
    for (const count of row) if (!(count >= 0) || !Number.isFinite(count)) throw invalid('counts must be finite and non-negative');
  }
  const rowTotals = table.map((row) => row.reduce((s, c) => s + c, 0));
  if (rowTotals.some((t) => t === 0)) throw invalid('every sample needs at least one observation');
  const total = rowTotals.reduce((s, t) => s + t, 0);
  const columns: number[] = [];
  for (let c = 0; c < k; c++) {
    const columnTotal = table.reduce((s, row) => s + row[c], 0);
    if (columnTotal > 0) columns.push(c);
  }
  let statistic = 0;
  for (const c of columns) {
    const columnTotal = table.reduce((s, row) => s + row[c], 0);
    table.forEach((row, r) => {
      const expected = (rowTotals[r] * columnTotal) / total;
      statistic += (row[c] - expected) ** 2 / expected;
    });
  }
  const df = (table.length - 1) * (columns.length - 1);
  return { statistic, df, pValue: df === 0 ? 1 : chiSquaredSurvival(statistic, df), categories: columns.length };
}
