import { describe, expect, it } from 'vitest';
import chatStream from '../providers/openai/__fixtures__/chat-stream-tool-calls.json' with { type: 'json' };
import type { ChatChunk } from '../providers/spec/index.js';
import { ChatStreamAssembler, chatCompletionToChunks } from './stream-assembly.js';

describe('ChatStreamAssembler', () => {
  it('folds tool-call deltas and round-trips through replay', () => {
    const assembler = new ChatStreamAssembler();
    for (const chunk of chatStream as unknown as ChatChunk[]) assembler.add(chunk);
    const completion = assembler.result();
    const call = completion.choices[0].message.tool_calls?.[0];
    expect(call?.function.name).toBeTruthy();
    expect(() => JSON.parse(call?.function.arguments ?? '')).not.toThrow();
    const again = new ChatStreamAssembler();
    for (const chunk of chatCompletionToChunks(completion, true)) again.add(chunk);
    expect(again.result().choices).toEqual(completion.choices);
  });
});
