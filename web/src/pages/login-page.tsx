// Asks for an API key once per browser tab (or once per browser, if the user opts in) (checked against /api/me before use), or offers
// single sign-on when the server has OpenID Connect configured.
import { type FormEvent, useState } from 'react';
import { api, storeKey } from '../api/api-client';
import type { Me } from '../api/api-types';

export function LoginPage({ oidc = false }: { oidc?: boolean }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [remember, setRemember] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await api<Me>('/api/me', { key: key.trim() });
      if (me.role === 'service' || me.role === 'metrics') throw new Error(`a ${me.role} key cannot use the dashboard; use a viewer, developer, admin or owner key`);
      storeKey(key.trim(), { remember });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login">
      <form className="login-card" onSubmit={submit}>
        <div className="brand brand-dark">
          <span className="brand-mark">◆</span> Steward
        </div>
        <p className="subtitle">Sign in with a Steward API key (viewer, developer or admin). It is kept for this tab only unless you ask this browser to remember it.</p>
        <label className="field">
          <span>API key</span>
          <input type="password" name="apiKey" autoComplete="off" value={key} onChange={(event) => setKey(event.target.value)} placeholder="sk-stw-…" required />
        </label>
        <label className="row muted">
          <input type="checkbox" checked={remember} onChange={(event) => setRemember(event.target.checked)} /> Remember this key in this browser
        </label>
        {error && (
          <div className="notice notice-bad" role="alert">
            {error}
          </div>
        )}
        <button type="submit" className="button" disabled={busy || key.trim() === ''}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        {oidc && (
          <a className="button button-ghost" href="/auth/oidc/login?returnTo=/ui/">
            Sign in with single sign-on
          </a>
        )}
      </form>
    </div>
  );
}
