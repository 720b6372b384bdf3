// The provider specification: the one interface every upstream family implements.
export * from './chat-request.js';
export * from './chat-response.js';
export * from './language-model-provider.js';
export * from './provider-call-error.js';
export * from './native-messages.js';
