// Privacy: detection and redaction of personal data, keyed pseudonyms, and the profanity lexicon.
// Shared by the gateway (what is stored or sent upstream), dataset quality checks and evaluations.
export { PII_KINDS, type PiiKind, type PiiFinding, type PiiDetector } from './pii-finding.js';
export { detectPii, PII_DETECTORS } from './detect-pii.js';
export { luhnValid } from './detectors/payment-card-detector.js';
export { ibanChecksumValid } from './detectors/iban-detector.js';
export {
  redactPii,
  maskFor,
  REDACTION_MODES,
  type RedactionMode,
  type RedactOptions,
  type RedactResult,
} from './redact-pii.js';
export {
  redactChatMessages,
  redactChatRequest,
  type MessagePiiFinding,
  type RedactMessagesResult,
} from './redact-chat-messages.js';
export { pseudonymise, Pseudonymiser, base32 } from './pseudonymiser.js';
export { findToxicLanguage, hasToxicLanguage, type ToxicTermMatch } from './toxic-language.js';
