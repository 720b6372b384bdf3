// The OpenAI Batch API over the gateway: uploaded JSONL files and background batches that run within
// the targets' caps and limits, with downloadable output and error files.
export { BatchService, BATCH_ENDPOINTS, BATCH_STATUSES, type BatchObject, type BatchStatus, type BatchEndpoint } from './batch-service.js';
export { FileStore, FILE_PURPOSES, type FileObject, type FilePurpose } from './file-store.js';
export { parseMultipart, multipartBoundary, type FormPart } from './multipart-form.js';
