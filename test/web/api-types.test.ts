/**
 * The web speaks the API's own types: web/src/api/schema.d.ts is what openapi-typescript makes of
 * the server's OpenAPI document today, and the labels the engine uses are the shared ones.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { generateApiTypes, openApiDocument, SCHEMA_FILE } from '../../scripts/api-types.js';
import type { DayStatus as EngineDayStatus, DayType, LateLevel, OvertimeCategory } from '../../src/engine/types.js';
import { DAY_STATUSES, DAY_TYPES, LATE_LEVELS, OVERTIME_CATEGORIES, ROLES, type DayStatus } from '../../src/shared/enums.js';

describe('API types for the web', () => {
  it('the committed schema.d.ts matches the server (regenerate with npm run api-types)', async () => {
    const fresh = await generateApiTypes();
    expect(fresh === readFileSync(SCHEMA_FILE, 'utf8'), 'web/src/api/schema.d.ts is stale: run npm run api-types').toBe(true);
  }, 60_000);

  it('the document carries the shared labels', async () => {
    const doc = JSON.stringify(await openApiDocument());
    const missing = [...DAY_STATUSES, ...ROLES].filter((v) => !doc.includes(`"enum":["${v}"]`));
    expect(missing).toEqual([]);
  }, 60_000);

  it('the engine uses the shared labels', () => {
    expectTypeOf<EngineDayStatus>().toEqualTypeOf<DayStatus>();
    expectTypeOf<DayType>().toEqualTypeOf<(typeof DAY_TYPES)[number]>();
    expectTypeOf<LateLevel>().toEqualTypeOf<(typeof LATE_LEVELS)[number]>();
    expectTypeOf<OvertimeCategory>().toEqualTypeOf<(typeof OVERTIME_CATEGORIES)[number]>();
  });
});
