import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { fetchAllOf } from '../api/typed';
import { sameId, type Company, type Id } from '../api/types';
import { useMe } from '../auth/AuthContext';

interface CompanyState {
  /** The companies this user can work in (names only when the server lets them list companies). */
  companies: Company[];
  companyId: Id | null;
  company: Company | null;
  setCompanyId(id: Id): void;
  /** Re-reads the list, e.g. after a company was created or renamed. */
  reload(): Promise<void>;
  loading: boolean;
}

const CompanyContext = createContext<CompanyState | null>(null);
const STORAGE_KEY = 'daka.companyId';

export function CompanyProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const [companies, setCompanies] = useState<Company[]>([]);
  const [loading, setLoading] = useState(true);
  const [chosen, setChosen] = useState<string | null>(() => {
    try {
      return localStorage.getItem(STORAGE_KEY);
    } catch {
      return null;
    }
  });

  const reload = useCallback(async () => {
    setLoading(true);
    try {
      const list = await fetchAllOf('/api/v1/companies', {});
      // Non-admins only ever work inside the companies their account is tied to.
      const mine = me.role === 'admin' ? list : list.filter((c) => me.companyIds.some((id) => sameId(id, c.id)));
      setCompanies(mine.length || me.role === 'admin' ? mine : list);
    } catch {
      // Roles that may not list companies still carry their company ids on the account.
      setCompanies([]);
    } finally {
      setLoading(false);
    }
  }, [me.role, me.companyIds]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const ids = useMemo<Id[]>(
    () => (companies.length ? companies.map((c) => c.id) : me.companyIds),
    [companies, me.companyIds],
  );
  // The remembered choice if it is still one of ours, else the first company.
  const effectiveId = ids.find((id) => sameId(id, chosen)) ?? ids[0] ?? null;

  const setCompanyId = useCallback((id: Id) => {
    try {
      localStorage.setItem(STORAGE_KEY, String(id));
    } catch {
      // the choice lasts for this page only
    }
    setChosen(String(id));
  }, []);

  const value = useMemo<CompanyState>(
    () => ({
      companies,
      companyId: effectiveId,
      company: companies.find((c) => sameId(c.id, effectiveId)) ?? null,
      setCompanyId,
      reload,
      loading,
    }),
    [companies, effectiveId, setCompanyId, reload, loading],
  );
  return <CompanyContext.Provider value={value}>{children}</CompanyContext.Provider>;
}

export function useCompany(): CompanyState {
  const ctx = useContext(CompanyContext);
  if (!ctx) throw new Error('useCompany outside CompanyProvider');
  return ctx;
}
