// The dashboard shell: the login gate, the sidebar and the current page.
import { useEffect, useState } from 'react';
import { type SessionState, sessionState, signOutSession, storeKey, storedKey } from './api/api-client';
import type { Me } from './api/api-types';
import { CapabilitiesProvider, useCapabilities } from './api/capabilities';
import { useApi } from './api/use-api';
import { LoginPage } from './pages/login-page';
import { PAGES } from './pages/page-list';
import { href, useHashRoute } from './router/hash-route';

export function App() {
  const [key, setKey] = useState(storedKey);
  // A person signed in with single sign-on has a session cookie instead of a key.
  const [session, setSession] = useState<SessionState | null>(null);
  useEffect(() => {
    const onKey = () => setKey(storedKey());
    const onSession = () => void sessionState().then(setSession);
    onSession();
    window.addEventListener('steward:key', onKey);
    window.addEventListener('steward:session', onSession);
    return () => {
      window.removeEventListener('steward:key', onKey);
      window.removeEventListener('steward:session', onSession);
    };
  }, []);
  if (!key && session === null) return null;
  const signedIn = key !== null || session?.signedIn === true;
  const signOut = () => (key ? storeKey(null) : void signOutSession());
  return <CapabilitiesProvider>{signedIn ? <Shell signOut={signOut} /> : <LoginPage oidc={session?.oidc === true} />}</CapabilitiesProvider>;
}

function Shell({ signOut }: { signOut: () => void }) {
  const [pageId = 'overview', ...params] = useHashRoute();
  const me = useApi<Me>('/api/me');
  const capabilities = useCapabilities();
  const page = PAGES.find((entry) => entry.id === pageId) ?? PAGES[0];
  const Page = page.component;
  const sections = [...new Set(PAGES.map((entry) => entry.section))];

  return (
    <div className="layout">
      <nav className="sidebar" aria-label="Pages">
        <div className="brand">
          <span className="brand-mark">◆</span> Steward
        </div>
        {sections.map((section) => (
          <div key={section} className="nav-section">
            <div className="nav-section-title">{section}</div>
            {PAGES.filter((entry) => entry.section === section).map((entry) => {
              const available = !capabilities.loaded || capabilities.has(entry.api);
              return (
                <a
                  key={entry.id}
                  href={href(entry.id)}
                  className={`nav-link ${entry.id === page.id ? 'active' : ''} ${available ? '' : 'unavailable'}`}
                  title={available ? undefined : `${entry.api} is not offered by this server yet`}
                >
                  {entry.title}
                </a>
              );
            })}
          </div>
        ))}
        <div className="sidebar-footer">
          {me.data && (
            <div className="whoami">
              <div className="whoami-name">{me.data.name}</div>
              <div className="whoami-role">
                {me.data.role} · {me.data.projectId}
              </div>
            </div>
          )}
          <button type="button" className="button button-ghost" onClick={signOut}>
            Sign out
          </button>
        </div>
      </nav>
      <main className="content">
        <Page key={page.id} params={params} />
      </main>
    </div>
  );
}
