// Python's notion of whitespace, so that tokenisers ported from Python reference implementations
// (sacreBLEU, the SQuAD script) split exactly where `str.split()` does: JavaScript's \s also
// matches U+FEFF and misses U+001C–U+001F and U+0085, which Python treats as whitespace.

const PYTHON_WHITESPACE = /[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;
const PYTHON_WHITESPACE_GLOBAL = new RegExp(PYTHON_WHITESPACE.source, 'gu');

/** `text.split()` in Python: split on runs of whitespace, no empty strings. */
export function pythonSplit(text: string): string[] {
  return text.split(PYTHON_WHITESPACE).filter((part) => part !== '');
}

/** `re.sub(r'\s+', replacement, text)` with Python's Unicode whitespace. */
export function replacePythonWhitespace(text: string, replacement: string): string {
  return text.replace(PYTHON_WHITESPACE_GLOBAL, replacement);
}

/** `text.rstrip()` in Python. */
export function pythonRstrip(text: string): string {
  const parts = /[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/u.exec(text);
  return parts === null ? text : text.slice(0, parts.index);
}
