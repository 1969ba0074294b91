import type { Services } from '../modules/index.js';

export async function seedDemo(services: Services): Promise<{ created: boolean; summary: string }> {
  void services;
  return { created: false, summary: 'demo data is not available yet' };
}
