// Config fields several metrics share, so they read the same in every metric's configuration.
import { z } from 'zod';

/** Score at or above which an item passes; no `passed` is reported without it. */
export const thresholdField = z.number().min(0).max(1).optional();
