import { readFileSync } from 'node:fs';

/** Official platform test vectors, copied into the repo (tests never read outside it). */
export function loadVectors<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/platform-vectors/${name}`, import.meta.url), 'utf8')) as T;
}
