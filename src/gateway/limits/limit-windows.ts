// Fixed windows for limits: a minute for request and token rates, a calendar period (UTC) for budgets.
import type { BudgetPeriod } from '../routes/route-config.js';

export interface Window {
  /** Identifies the window in counter keys. */
  id: string;
  resetAt: number;
}

export function minuteWindow(now: number): Window {
  const start = Math.floor(now / 60_000) * 60_000;
  return { id: `m${start / 60_000}`, resetAt: start + 60_000 };
}

export function periodWindow(period: BudgetPeriod, now: number): Window {
  const d = new Date(now);
  switch (period) {
    case 'hour': {
      const start = Math.floor(now / 3_600_000) * 3_600_000;
      return { id: `h${start / 3_600_000}`, resetAt: start + 3_600_000 };
    }
    case 'day': {
      const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      return { id: `d${start / 86_400_000}`, resetAt: start + 86_400_000 };
    }
    case 'week': {
      const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      const start = day - ((d.getUTCDay() + 6) % 7) * 86_400_000; // Monday
      return { id: `w${start / 86_400_000}`, resetAt: start + 7 * 86_400_000 };
    }
    case 'month':
      return { id: `M${d.getUTCFullYear()}-${d.getUTCMonth() + 1}`, resetAt: Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) };
  }
}
