// The dashboard shell: the login gate, the sidebar and the current page.
import { useEffect, useState } from 'react';
import { type SessionState, keyRemembered, sessionState, signOutSession, storeKey, storedKey } from './api/api-client';
import type { Me } from './api/api-types';
import { CapabilitiesProvider, useCapabilities } from './api/capabilities';
import { RoleProvider, rankOf } from './api/role';
import { useApi } from './api/use-api';
import { PageHeader } from './components/card';
import { Forbidden } from './components/notices';
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
    // Another tab remembered a key or signed out.
    window.addEventListener('storage', onKey);
    window.addEventListener('steward:session', onSession);
    return () => {
      window.removeEventListener('steward:key', onKey);
      window.removeEventListener('storage', onKey);
      window.removeEventListener('steward:session', onSession);
    };
  }, []);
  if (!key && session === null) return null;
  const signedIn = key !== null || session?.signedIn === true;
  // Signing out forgets the key in this browser (tab and remembered) and ends a single sign-on session.
  const signOut = () => {
    if (key) storeKey(null);
    if (session?.signedIn) void signOutSession();
  };
  return <CapabilitiesProvider>{signedIn ? <Shell signOut={signOut} /> : <LoginPage oidc={session?.oidc === true} />}</CapabilitiesProvider>;
}

function Shell({ signOut }: { signOut: () => void }) {
  const [pageId = 'overview', ...params] = useHashRoute();
  const me = useApi<Me>('/api/me');
  const capabilities = useCapabilities();
  const page = PAGES.find((entry) => entry.id === pageId) ?? PAGES[0];
  const Page = page.component;
  const role = me.data?.role;
  const mayRead = (entry: (typeof PAGES)[number]) => !entry.role || role === undefined || rankOf(role) >= rankOf(entry.role);
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
              const allowed = mayRead(entry);
              return (
                <a
                  key={entry.id}
                  href={href(entry.id)}
                  className={`nav-link ${entry.id === page.id ? 'active' : ''} ${available && allowed ? '' : 'unavailable'}`}
                  title={!allowed ? `needs a ${entry.role} key` : available ? undefined : `${entry.api} is not offered by this server yet`}
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
              {keyRemembered() && <div className="whoami-role">key remembered in this browser</div>}
            </div>
          )}
          <button type="button" className="button button-ghost" onClick={signOut}>
            Sign out
          </button>
        </div>
      </nav>
      <main className="content">
        <RoleProvider me={me.data}>
          {mayRead(page) ? (
            <Page key={page.id} params={params} />
          ) : (
            <>
              <PageHeader title={page.title} />
              <Forbidden what={page.title.toLowerCase()} detail={`It needs ${article(page.role)} ${page.role} key; yours is ${article(role)} ${role} key.`} />
            </>
          )}
        </RoleProvider>
      </main>
    </div>
  );
}

/** "a viewer", "an admin", "an owner". */
function article(word: string | undefined): string {
  return /^[aeiou]/i.test(word ?? '') ? 'an' : 'a';
}
