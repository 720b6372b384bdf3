// OpenAI `tools` and `tool_choice` → Gemini `functionDeclarations` and `toolConfig`.
import type { ChatRequest } from '../spec/index.js';
import type { GeminiFunctionDeclaration, GeminiRequest } from './gemini-api-types.js';
import { toGeminiSchema } from './to-gemini-schema.js';

/** `auto` → AUTO, `required` → ANY, `none` → NONE, a named function → ANY limited to that name. */
export function prepareGeminiTools(request: Pick<ChatRequest, 'tools' | 'tool_choice'>): Pick<GeminiRequest, 'tools' | 'toolConfig'> {
  if (!request.tools || request.tools.length === 0) return {};
  const functionDeclarations = request.tools.map((tool): GeminiFunctionDeclaration => {
    const parameters = tool.function.parameters;
    const hasProperties = parameters !== undefined && typeof parameters.properties === 'object' && Object.keys(parameters.properties ?? {}).length > 0;
    return {
      name: tool.function.name,
      ...(tool.function.description ? { description: tool.function.description } : {}),
      // Gemini rejects an object schema without properties; a function without parameters omits it.
      ...(parameters && hasProperties ? { parameters: toGeminiSchema(parameters) } : {}),
    };
  });
  const choice = request.tool_choice;
  let toolConfig: GeminiRequest['toolConfig'];
  if (choice === 'auto') toolConfig = { functionCallingConfig: { mode: 'AUTO' } };
  else if (choice === 'required') toolConfig = { functionCallingConfig: { mode: 'ANY' } };
  else if (choice === 'none') toolConfig = { functionCallingConfig: { mode: 'NONE' } };
  else if (choice !== undefined) toolConfig = { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: [choice.function.name] } };
  return { tools: [{ functionDeclarations }], ...(toolConfig ? { toolConfig } : {}) };
}
