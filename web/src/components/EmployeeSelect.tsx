import { useEffect, useMemo, useRef, useState } from 'react';
import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap } from '../api/typed';
import { sameId, type Employee, type Id } from '../api/types';
import { primeEmployees, useEmployees } from '../api/employeeNames';

interface EmployeeSelectProps extends Omit<SelectProps<Id>, 'options' | 'showSearch' | 'filterOption'> {
  companyId: Id | null;
  /** Leave an employee out (e.g. someone cannot be their own manager). */
  excludeId?: Id;
}

export function employeeLabel(e: Pick<Employee, 'name' | 'jobNumber'>): string {
  return e.jobNumber ? `${e.name}（${e.jobNumber}）` : e.name;
}

/** Pick an employee by name, job number, e-mail or mobile; searches the server as you type. */
export function EmployeeSelect({ companyId, excludeId, value, ...rest }: EmployeeSelectProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Employee[]>([]);
  const [loading, setLoading] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  const selected = useEmployees(value !== null && value !== undefined ? [value as Id] : []);

  useEffect(() => {
    if (!companyId) return;
    const controller = new AbortController();
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      setLoading(true);
      unwrap(apiClient.GET('/api/v1/employees', { params: { query: { companyId: Number(companyId), q: query, status: 'active', pageSize: 20 } }, signal: controller.signal }))
        .then((res) => {
          primeEmployees(res.items);
          setResults(res.items);
        })
        .catch(() => {
          if (!controller.signal.aborted) setResults([]);
        })
        .finally(() => {
          if (!controller.signal.aborted) setLoading(false);
        });
    }, 250);
    return () => {
      window.clearTimeout(timer.current);
      controller.abort();
    };
  }, [companyId, query]);

  const options = useMemo(() => {
    const list = results.filter((e) => !sameId(e.id, excludeId));
    const current = value !== null && value !== undefined ? selected.get(String(value)) : undefined;
    if (current && !list.some((e) => sameId(e.id, current.id))) list.unshift(current);
    return list.map((e) => ({ value: e.id, label: employeeLabel(e) }));
  }, [results, excludeId, selected, value]);

  return (
    <Select<Id>
      allowClear
      placeholder={t('employees.searchPlaceholder')}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      loading={loading}
      options={options}
      value={value}
      notFoundContent={loading ? t('common.loading') : t('common.noMatch')}
      {...rest}
    />
  );
}
