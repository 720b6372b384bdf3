// A consequential action asks the person to type the name of what it changes: a stray click
// cannot promote, deprecate or roll back anything.
import { type ReactNode, useState } from 'react';

export function TypedConfirm({ expected, action, danger, onConfirm, children }: { expected: string; action: string; danger?: boolean; onConfirm(): Promise<void>; children?: ReactNode }) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  async function confirm() {
    setBusy(true);
    try {
      await onConfirm();
      setTyped('');
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="confirm">
      {children}
      <label className="field">
        <span>
          Type <strong className="mono">{expected}</strong> to confirm
        </span>
        <input aria-label={`${action}: type ${expected} to confirm`} value={typed} onChange={(event) => setTyped(event.target.value)} autoComplete="off" />
      </label>
      <div>
        <button type="button" className={`button ${danger ? 'button-danger' : ''}`} disabled={busy || typed.trim() !== expected} onClick={confirm}>
          {busy ? 'Working…' : action}
        </button>
      </div>
    </div>
  );
}
