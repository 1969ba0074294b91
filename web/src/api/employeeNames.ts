import { useEffect, useState } from 'react';
import { apiClient, unwrap } from './typed';
import type { Employee, Id } from './types';

/**
 * Names of employees referenced by id (managers, linked accounts), fetched once per id and shared
 * by every page. Lists that already hold the employees prime the cache.
 */
const cache = new Map<string, Promise<Employee | null>>();
const listeners = new Set<() => void>();

export function primeEmployees(items: Employee[]): void {
  for (const e of items) cache.set(String(e.id), Promise.resolve(e));
}

export function forgetEmployee(id: Id): void {
  cache.delete(String(id));
  listeners.forEach((l) => l());
}

function load(id: string): Promise<Employee | null> {
  let p = cache.get(id);
  if (!p) {
    p = unwrap(apiClient.GET('/api/v1/employees/{id}', { params: { path: { id: Number(id) } } })).catch(() => null);
    cache.set(id, p);
  }
  return p;
}

/** Employees by `String(id)`. */
export function useEmployees(ids: readonly (Id | null | undefined)[]): Map<string, Employee> {
  const key = [...new Set(ids.filter((id): id is Id => id !== null && id !== undefined).map(String))].sort().join(',');
  const [found, setFound] = useState<Map<string, Employee>>(new Map());
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    listeners.add(bump);
    return () => {
      listeners.delete(bump);
    };
  }, []);

  useEffect(() => {
    let live = true;
    const wanted = key ? key.split(',') : [];
    void Promise.all(wanted.map(load)).then((list) => {
      if (!live) return;
      setFound(new Map(list.filter((e): e is Employee => !!e).map((e) => [String(e.id), e])));
    });
    return () => {
      live = false;
    };
  }, [key, version]);

  return found;
}
