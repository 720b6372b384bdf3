// Feedback on traces: thumbs, ratings, comments and corrected answers, each with its source, the raw
// material that curation turns into datasets.
export { FeedbackService, THUMBS, type Thumb, type Feedback, type FeedbackInput } from './feedback-service.js';
