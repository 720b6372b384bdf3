// Which endpoints this server offers, read once from its OpenAPI document: pages whose API is not
// there say so instead of failing, and the sidebar marks them.
import { type ReactNode, createContext, useContext, useEffect, useState } from 'react';

export interface Capabilities {
  loaded: boolean;
  /** True when the server documents `method path` (OpenAPI form: `/api/traces/{id}`). */
  has(path: string, method?: string): boolean;
}

const CapabilitiesContext = createContext<Capabilities>({ loaded: false, has: () => false });

export function CapabilitiesProvider({ children }: { children: ReactNode }) {
  const [paths, setPaths] = useState<Record<string, Record<string, unknown>> | null>(null);
  useEffect(() => {
    fetch('/openapi.json')
      .then((response) => (response.ok ? response.json() : { paths: {} }))
      .then((document: { paths?: Record<string, Record<string, unknown>> }) => setPaths(document.paths ?? {}))
      .catch(() => setPaths({}));
  }, []);
  const value: Capabilities = {
    loaded: paths !== null,
    has: (path, method = 'get') => Boolean(paths?.[path]?.[method.toLowerCase()]),
  };
  return <CapabilitiesContext.Provider value={value}>{children}</CapabilitiesContext.Provider>;
}

export function useCapabilities(): Capabilities {
  return useContext(CapabilitiesContext);
}
