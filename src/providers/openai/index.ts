// The OpenAI-compatible family: OpenAI, Azure OpenAI and every server that speaks OpenAI's API
// (vLLM, Ollama, llama.cpp, TGI, Groq, Together, Mistral).
export { createOpenAiProvider } from './openai-provider.js';
export { openAiUrl, openAiHeaders, OPENAI_PATHS, type OpenAiPath } from './openai-endpoint.js';
