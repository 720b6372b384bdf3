import { describe, expect, it } from 'vitest';
import { parseDataUrl } from './parse-data-url.js';

describe('parseDataUrl', () => {
  it('splits base64 data URLs', () => {
    expect(parseDataUrl('data:image/PNG;base64,iVBORw0KGgo=')).toEqual({ mediaType: 'image/png', data: 'iVBORw0KGgo=' });
    expect(parseDataUrl('data:image/jpeg;name=a.jpg;base64,/9j/4AAQ')).toEqual({ mediaType: 'image/jpeg', data: '/9j/4AAQ' });
  });

  it('rejects other URLs', () => {
    expect(parseDataUrl('https://example.com/cat.png')).toBeUndefined();
    expect(parseDataUrl('data:text/plain,hello')).toBeUndefined();
  });
});
