// OpenAI `tools`, `tool_choice` and `parallel_tool_calls` → Anthropic `tools` and `tool_choice`.
import type { ChatRequest } from '../spec/index.js';
import type { AnthropicTool, AnthropicToolChoice } from './anthropic-api-types.js';

export interface AnthropicTools {
  tools?: AnthropicTool[];
  tool_choice?: AnthropicToolChoice;
}

/** `required` becomes `any`; a named function becomes `tool`; parallel calls off sets `disable_parallel_tool_use`. */
export function prepareAnthropicTools(request: Pick<ChatRequest, 'tools' | 'tool_choice' | 'parallel_tool_calls'>): AnthropicTools {
  if (!request.tools || request.tools.length === 0) return {};
  const tools = request.tools.map((tool) => ({
    name: tool.function.name,
    ...(tool.function.description ? { description: tool.function.description } : {}),
    input_schema: tool.function.parameters ?? { type: 'object', properties: {} },
  }));
  const choice = request.tool_choice;
  let tool_choice: AnthropicToolChoice | undefined;
  if (choice === 'auto') tool_choice = { type: 'auto' };
  else if (choice === 'required') tool_choice = { type: 'any' };
  else if (choice === 'none') tool_choice = { type: 'none' };
  else if (choice !== undefined) tool_choice = { type: 'tool', name: choice.function.name };
  if (request.parallel_tool_calls === false && tool_choice?.type !== 'none') {
    tool_choice = { ...(tool_choice ?? { type: 'auto' }), disable_parallel_tool_use: true };
  }
  return { tools, ...(tool_choice ? { tool_choice } : {}) };
}
