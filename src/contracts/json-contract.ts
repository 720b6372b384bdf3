// The two free-form values the API keeps on purpose: metadata a user defines, and JSON passed
// through as it was sent (raw request/response payloads, audit snapshots). Everything else is typed.
import { z } from 'zod';

/** Keys and values a user chooses (item metadata, model-card extras): free-form on purpose. */
export const MetadataSchema = z.record(z.string(), z.unknown()).meta({ id: 'Metadata', description: "User-defined metadata: a JSON object of the caller's own keys" });

/** JSON kept as it was sent or stored (a raw request body, a snapshot): free-form on purpose. */
export const JsonValueSchema = z.unknown().meta({ id: 'JsonValue', description: 'Any JSON value, passed through as it was sent or stored' });

/** Scalar values of attributes and variables. */
export const ScalarSchema = z.union([z.string(), z.number(), z.boolean()]);
