import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { callApi, setUnauthenticatedHandler, type CallOptions } from './lib/api';
import { featuresOf, type Features } from './lib/features';
import { claimsOf, storedToken, storeToken, type Claims } from './lib/session';
import { POLICY_TIME_ZONE } from './lib/time';

interface Session {
  token: string | undefined;
  claims: Claims | undefined;
  /** The policy time zone, as the API states it. */
  timeZone: string;
  /** The API's OpenAPI document and the routes it lists. */
  openapi: unknown;
  features: Features;
  /** The last sign-out was the API refusing the token, not the user leaving. */
  expired: boolean;
  signIn(token: string): void;
  signOut(): void;
  call<T>(method: string, path: string, opts?: CallOptions): Promise<T>;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | undefined>(() => storedToken());
  const [timeZone, setTimeZone] = useState(POLICY_TIME_ZONE);
  const [openapi, setOpenapi] = useState<unknown>(null);
  const [expired, setExpired] = useState(false);

  const signIn = useCallback((next: string) => {
    storeToken(next.trim());
    setToken(next.trim());
    setExpired(false);
  }, []);
  const signOut = useCallback(() => {
    storeToken(undefined);
    setToken(undefined);
    setExpired(false);
  }, []);
  useEffect(
    () =>
      setUnauthenticatedHandler(() => {
        storeToken(undefined);
        setToken(undefined);
        setExpired(true);
      }),
    [],
  );

  useEffect(() => {
    callApi(undefined, 'GET', '/docs/json')
      .then(setOpenapi)
      .catch(() => setOpenapi({}));
  }, []);
  useEffect(() => {
    if (!token) return;
    const start = new Date().toISOString();
    callApi<{ timeZone?: string }>(token, 'GET', `/calendar/due?start=${encodeURIComponent(start)}&hours=1`)
      .then((r) => r.timeZone && setTimeZone(r.timeZone))
      .catch(() => undefined);
  }, [token]);

  const value = useMemo<Session>(
    () => ({
      token,
      claims: token ? claimsOf(token) : undefined,
      timeZone,
      openapi,
      expired,
      features: featuresOf(openapi),
      signIn,
      signOut,
      call: (method, path, opts) => callApi(token, method, path, opts),
    }),
    [token, timeZone, openapi, expired, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
