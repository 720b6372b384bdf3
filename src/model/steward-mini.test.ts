import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModel } from './io/adapter-files.js';
import { BuiltinRuntime } from './runtime/builtin-runtime.js';

const DIR = join(import.meta.dirname, '..', '..', 'models', 'steward-mini');

describe('committed steward-mini', () => {
  it('loads within the size budget and answers a question from its small world', async () => {
    const files = ['model.safetensors', 'tokenizer.json', 'config.json'].map((f) => statSync(join(DIR, f)).size);
    expect(files.reduce((a, b) => a + b, 0)).toBeLessThan(20 * 1024 * 1024);
    const model = loadModel(DIR);
    expect(model.meta.name).toBe('steward-mini');
    const rt = new BuiltinRuntime(model);
    const reply = await rt.generate({ prompt: rt.chatPrompt([{ role: 'user', content: 'Is this positive or negative? The soup was wonderful.' }]), temperature: 0, maxTokens: 8 });
    expect(reply.completionTokens).toBeGreaterThan(0);
    expect(reply.text.trim()).toBe('positive');
  });
});
