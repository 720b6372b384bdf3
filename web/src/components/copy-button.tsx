// An id shown in monospace with a button that copies it: ids are what people paste into the CLI.
import { useState } from 'react';

export function CopyButton({ text, label }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  async function copy(event: { stopPropagation(): void }) {
    // Inside clickable rows: copying must not also open the row.
    event.stopPropagation();
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // No clipboard permission (plain http, headless): select-and-copy still works on the text.
    }
    setCopied(true);
    window.setTimeout(() => setCopied(false), 1200);
  }
  return (
    <button type="button" className="copy" onClick={copy} aria-label={label ?? `Copy ${text}`} title="Copy">
      {copied ? (
        '✓'
      ) : (
        <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
          <rect x="5" y="5" width="9" height="9" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M3 11V3.5A1.5 1.5 0 0 1 4.5 2H11" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      )}
    </button>
  );
}

/** An id in monospace with its copy button. */
export function Id({ value, short }: { value: string; short?: boolean }) {
  return (
    <span className="id">
      <span className="mono" title={value}>
        {short && value.length > 14 ? `${value.slice(0, 12)}…` : value}
      </span>
      <CopyButton text={value} />
    </span>
  );
}
