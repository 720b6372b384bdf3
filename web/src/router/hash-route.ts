// A tiny hash router: `#/traces/tr_123` → ['traces', 'tr_123']. Hash routes need no server rewrites.
import { useEffect, useState } from 'react';

function segments(): string[] {
  return window.location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

/** The current route's segments; re-renders when the hash changes. */
export function useHashRoute(): string[] {
  const [route, setRoute] = useState(segments);
  useEffect(() => {
    const onChange = () => setRoute(segments());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

/** The href of a route, each part encoded. */
export function href(...parts: (string | number)[]): string {
  return `#/${parts.map((part) => encodeURIComponent(String(part))).join('/')}`;
}

export function navigate(...parts: (string | number)[]): void {
  window.location.hash = href(...parts);
}
