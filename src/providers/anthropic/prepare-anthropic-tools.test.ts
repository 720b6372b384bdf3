import { describe, expect, it } from 'vitest';
import { prepareAnthropicTools } from './prepare-anthropic-tools.js';

const tools = [
  { type: 'function' as const, function: { name: 'weather', description: 'Current weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } },
  { type: 'function' as const, function: { name: 'time' } },
];

describe('prepareAnthropicTools', () => {
  it('maps tools with their schema, and an empty object schema when there is none', () => {
    expect(prepareAnthropicTools({ tools }).tools).toEqual([
      { name: 'weather', description: 'Current weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } },
      { name: 'time', input_schema: { type: 'object', properties: {} } },
    ]);
  });

  it('maps each tool_choice and parallel_tool_calls', () => {
    expect(prepareAnthropicTools({ tools, tool_choice: 'auto' }).tool_choice).toEqual({ type: 'auto' });
    expect(prepareAnthropicTools({ tools, tool_choice: 'required' }).tool_choice).toEqual({ type: 'any' });
    expect(prepareAnthropicTools({ tools, tool_choice: 'none' }).tool_choice).toEqual({ type: 'none' });
    expect(prepareAnthropicTools({ tools, tool_choice: { type: 'function', function: { name: 'time' } } }).tool_choice).toEqual({ type: 'tool', name: 'time' });
    expect(prepareAnthropicTools({ tools, parallel_tool_calls: false }).tool_choice).toEqual({ type: 'auto', disable_parallel_tool_use: true });
    expect(prepareAnthropicTools({ tools }).tool_choice).toBeUndefined();
  });

  it('sends nothing without tools', () => {
    expect(prepareAnthropicTools({ tool_choice: 'required' })).toEqual({});
  });
});
