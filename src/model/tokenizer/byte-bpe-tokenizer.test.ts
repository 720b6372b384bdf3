import { describe, expect, it } from 'vitest';
import { ByteBpeTokenizer, trainTokenizer } from './byte-bpe-tokenizer.js';
import { renderChat } from './chat-template.js';

const corpus = 'the cat sat on the mat. the cat ate the rat. 12 + 34 = 46. héllo wörld ✓ '.repeat(20);

describe('ByteBpeTokenizer', () => {
  it('learns merges that shorten frequent words and round-trips any text, unicode included', () => {
    const tok = trainTokenizer(corpus, 300);
    expect(tok.vocabSize).toBeLessThanOrEqual(300);
    expect(tok.vocabSize).toBeGreaterThan(280);
    const text = 'the cat sat on the mat, héllo wörld ✓ 🙂 and unseen zebras';
    const ids = tok.encode(text);
    expect(tok.decode(ids)).toBe(text);
    expect(tok.encode(' the cat').length).toBeLessThan(new TextEncoder().encode(' the cat').length);
  });

  it('is deterministic and survives a JSON round trip with the same hash', () => {
    const a = trainTokenizer(corpus, 290);
    const b = trainTokenizer(corpus, 290);
    expect(a.merges).toEqual(b.merges);
    const c = ByteBpeTokenizer.fromJSON(JSON.parse(JSON.stringify(a.toJSON())));
    expect(c.hash).toBe(a.hash);
    expect(c.encode('the rat sat')).toEqual(a.encode('the rat sat'));
  });

  it('keeps special tokens out of plain text unless allowed, and masks only assistant turns', () => {
    const tok = trainTokenizer(corpus, 280);
    expect(tok.encode('<|end|>')).not.toContain(tok.special('<|end|>'));
    expect(tok.encode('a<|end|>b', true)).toContain(tok.special('<|end|>'));
    const chat = renderChat(tok, [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'yo' }], false);
    const learnt = chat.ids.filter((_, i) => chat.assistantMask[i] === 1);
    expect(tok.decode(learnt, true)).toBe('yo<|end|>');
  });

  it('rejects a corrupt tokenizer file clearly', () => {
    expect(() => ByteBpeTokenizer.fromJSON({ type: 'wordpiece' })).toThrow(/byte-level-bpe/);
    expect(() => ByteBpeTokenizer.fromJSON({ ...trainTokenizer(corpus, 270).toJSON(), merges: [[999, 1]] })).toThrow(/merge 0/);
  });
});
