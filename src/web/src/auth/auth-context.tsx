import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api, setUnauthorizedListener, type User } from '../api.js';

/** undefined: not asked yet; null: known to be signed out. */
type SessionUser = User | null | undefined;

interface AuthState {
  user: SessionUser;
  /** True after a console call was refused for want of a session (shown on the login page). */
  expired: boolean;
  setUser: (user: User | null) => void;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export const LOGIN_PATH = '/console/login';

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUserState] = useState<SessionUser>(undefined);
  const [expired, setExpired] = useState(false);
  const setUser = useCallback((next: User | null) => {
    setUserState(next);
    if (next) setExpired(false);
  }, []);
  const navigate = useNavigate();
  const location = useLocation();

  // Any console call answered with 401 ends the session here and sends the user to log in,
  // remembering where they were.
  useEffect(() => {
    setUnauthorizedListener(() => {
      setUserState(null);
      setExpired(true);
      if (window.location.pathname !== LOGIN_PATH) {
        const from = window.location.pathname + window.location.search;
        navigate(LOGIN_PATH, { replace: true, state: { from, expired: true } });
      }
    });
    return () => setUnauthorizedListener(() => {});
  }, [navigate]);

  // Re-check the session whenever a console page is entered without a known user.
  useEffect(() => {
    if (user !== undefined || !location.pathname.startsWith('/console')) return;
    let current = true;
    api.me().then(
      ({ user: me, permissions }) => current && setUserState({ ...me, permissions }),
      () => current && setUserState(null),
    );
    return () => {
      current = false;
    };
  }, [user, location.pathname]);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setUserState(null);
      setExpired(false);
      navigate(LOGIN_PATH, { replace: true });
    }
  }, [navigate]);

  const value = useMemo(() => ({ user, expired, setUser, logout }), [user, expired, setUser, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}
