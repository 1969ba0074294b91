import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, setUnauthorizedHandler } from '../api/client';
import { apiClient, unwrap } from '../api/typed';
import type { Role, User } from '../api/types';
import { setLanguage, storedLanguage, toLanguage } from '../app/i18n';

interface AuthState {
  /** undefined while the first "who am I" is in flight; null when logged out. */
  user: User | null | undefined;
  login(username: string, password: string): Promise<User>;
  logout(): Promise<void>;
  refresh(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

function adoptAccountLocale(user: User): void {
  // A language picked on this browser wins; otherwise follow the account's preference.
  const lang = toLanguage(user.locale);
  if (!storedLanguage() && lang) void setLanguage(lang, false);
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const navigate = useNavigate();

  const refresh = useCallback(async () => {
    try {
      const res = await unwrap(apiClient.GET('/api/v1/auth/me'), { allowUnauthenticated: true });
      adoptAccountLocale(res.user);
      setUser(res.user);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) setUser(null);
      else throw err;
    }
  }, []);

  useEffect(() => {
    refresh().catch(() => setUser(null));
  }, [refresh]);

  useEffect(() => {
    setUnauthorizedHandler(() => {
      setUser(null);
      const next = window.location.pathname + window.location.search;
      if (!window.location.pathname.startsWith('/login')) {
        navigate(`/login?next=${encodeURIComponent(next)}`, { replace: true });
      }
    });
  }, [navigate]);

  const login = useCallback(async (username: string, password: string) => {
    const res = await unwrap(apiClient.POST('/api/v1/auth/login', { body: { username, password } }), { allowUnauthenticated: true });
    adoptAccountLocale(res.user);
    setUser(res.user);
    return res.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await unwrap(apiClient.POST('/api/v1/auth/logout'), { allowUnauthenticated: true });
    } finally {
      setUser(null);
      navigate('/login', { replace: true });
    }
  }, [navigate]);

  const value = useMemo(() => ({ user, login, logout, refresh }), [user, login, logout, refresh]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The logged-in user; only for components rendered behind the login gate. */
export function useMe(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useMe without a logged-in user');
  return user;
}

export function hasRole(user: User, roles: readonly Role[]): boolean {
  return roles.includes(user.role);
}
