// Annotation: queues of traces chosen by a filter, score schemas, assignment to annotators, and
// agreement between annotators (Krippendorff's alpha, Cohen's kappa).
export { cohensKappa, krippendorffAlpha, type AlphaLevel, type RatingTable } from './agreement.js';
export { ScoreFieldSchema, ScoreSchemaSchema, type ScoreField, type ScoreSchema, type AnnotationValues, validateAnnotation } from './score-schema.js';
export { AnnotationService, type FieldAgreement, type QueueItem, type QueueRecord, type TraceFilter } from './annotation-service.js';
