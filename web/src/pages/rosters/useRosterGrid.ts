import { useCallback, useEffect, useState } from 'react';
import { App } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorText, fieldProblems, problemText } from '../../api/errors';
import type { Id } from '../../api/types';
import { apiClient, unwrap } from '../../api/typed';
import { REST, type Grid, type Value } from './rosterGrid';

/** The month's roster grid for a department, with the unsaved edits on it and saving them. */
export function useRosterGrid(companyId: Id | null, month: Dayjs, departmentId: Id | undefined) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [grid, setGrid] = useState<Grid | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [edits, setEdits] = useState<Map<string, Value>>(new Map());
  const [cellErrors, setCellErrors] = useState<Map<string, string>>(new Map());
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      if (!companyId) return;
      setLoading(true);
      setLoadError(null);
      try {
        const g = await unwrap(
          apiClient.GET('/api/v1/rosters', {
            params: { query: { companyId, from: month.startOf('month').format('YYYY-MM-DD'), to: month.endOf('month').format('YYYY-MM-DD'), departmentId } },
            signal,
          }),
        );
        setGrid(g);
      } catch (err) {
        if (!signal?.aborted) setLoadError(err);
      } finally {
        if (!signal?.aborted) setLoading(false);
      }
    },
    [companyId, month, departmentId],
  );

  useEffect(() => {
    const c = new AbortController();
    setEdits(new Map());
    setCellErrors(new Map());
    setSaveError(null);
    void load(c.signal);
    return () => c.abort();
  }, [load]);

  const setCells = (keys: string[], value: Value | null) => {
    setEdits((prev) => {
      const next = new Map(prev);
      for (const k of keys) {
        if (value === null) next.delete(k);
        else next.set(k, value);
      }
      return next;
    });
    setCellErrors((prev) => {
      if (!prev.size) return prev;
      const next = new Map(prev);
      keys.forEach((k) => next.delete(k));
      return next;
    });
  };

  const discard = () => {
    setEdits(new Map());
    setCellErrors(new Map());
    setSaveError(null);
  };

  const save = async () => {
    if (!grid || !companyId || edits.size === 0) return;
    const keys = [...edits.keys()];
    const entries = keys.map((k) => {
      const [employeeId, date] = k.split('|');
      const v = edits.get(k)!;
      return { employeeId: Number(employeeId), date, shiftTypeId: v === REST ? null : Number(v) };
    });
    setSaving(true);
    setSaveError(null);
    try {
      const r = await unwrap(apiClient.PUT('/api/v1/rosters', { body: { companyId, entries } }));
      message.success(t('rosters.saved', { n: r.saved, employees: r.employees }));
      setEdits(new Map());
      setCellErrors(new Map());
      await load();
    } catch (err) {
      const problems = fieldProblems(err);
      const errs = new Map<string, string>();
      const other: string[] = [];
      for (const p of problems) {
        const m = /entries\[(\d+)\]/.exec(p.path);
        if (m && keys[Number(m[1])]) errs.set(keys[Number(m[1])], problemText(t, p));
        else other.push(problemText(t, p));
      }
      setCellErrors(errs);
      setSaveError(errs.size ? t('rosters.cellProblems', { n: errs.size }) + (other.length ? ` ${other.join('; ')}` : '') : err instanceof ApiError && problems.length ? other.join('; ') : errorText(t, err));
    } finally {
      setSaving(false);
    }
  };

  return { grid, loading, loadError, edits, cellErrors, saveError, saving, setCells, discard, save };
}
