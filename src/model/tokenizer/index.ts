// Text to tokens and back: the byte-level BPE tokenizer, its trainer, and the chat template with
// its special tokens.
export * from './byte-bpe-tokenizer.js';
export * from './chat-template.js';
