import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { SourceIdentity } from '../../sources/types.js';

export const identityKey = (i: { provider: string; tenant: string; externalId: string }) => `${i.provider}\u0000${i.tenant}\u0000${i.externalId}`;

export class IdentitiesRepo {
  /** Employee ids for the given identities (only those that resolve appear in the map). */
  async resolve(db: Kysely<DB>, companyId: number, identities: SourceIdentity[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    const groups = new Map<string, { provider: string; tenant: string; ids: Set<string> }>();
    for (const i of identities) {
      const g = `${i.provider}\u0000${i.tenant}`;
      let entry = groups.get(g);
      if (!entry) groups.set(g, (entry = { provider: i.provider, tenant: i.tenant, ids: new Set() }));
      entry.ids.add(i.externalId);
    }
    for (const { provider, tenant, ids } of groups.values()) {
      for (const chunk of chunks([...ids], 500)) {
        if (provider === 'employee') {
          const numeric = chunk.filter((x) => /^\d+$/.test(x)).map(Number);
          if (!numeric.length) continue;
          const rows = await db.selectFrom('employees').select('id').where('company_id', '=', companyId).where('id', 'in', numeric).execute();
          for (const r of rows) out.set(identityKey({ provider, tenant, externalId: String(r.id) }), r.id);
        } else if (provider === 'job_number') {
          const rows = await db.selectFrom('employees').select(['id', 'job_number']).where('company_id', '=', companyId).where('job_number', 'in', chunk).execute();
          for (const r of rows) out.set(identityKey({ provider, tenant, externalId: r.job_number }), r.id);
        } else {
          const rows = await db
            .selectFrom('external_identities')
            .select(['employee_id', 'external_id'])
            .where('company_id', '=', companyId)
            .where('provider', '=', provider)
            .where('tenant', '=', tenant)
            .where('external_id', 'in', chunk)
            .execute();
          for (const r of rows) out.set(identityKey({ provider, tenant, externalId: r.external_id }), r.employee_id);
        }
      }
    }
    return out;
  }

  async unmatched(db: Kysely<DB>, companyId: number, limit: number, offset: number) {
    const base = db.selectFrom('checkins').where('company_id', '=', companyId).where('employee_id', 'is', null);
    const rows = await base
      .select((eb) => ['provider', 'tenant', 'external_id', eb.fn.countAll<number>().as('punch_count'), eb.fn.min('at_ms').as('first_at_ms'), eb.fn.max('at_ms').as('last_at_ms')])
      .groupBy(['provider', 'tenant', 'external_id'])
      .orderBy('punch_count', 'desc')
      .orderBy('external_id')
      .limit(limit)
      .offset(offset)
      .execute();
    const total = await db
      .selectFrom(base.select(['provider', 'tenant', 'external_id']).groupBy(['provider', 'tenant', 'external_id']).as('g'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return {
      total: Number(total.n),
      items: rows.map((r) => ({
        provider: r.provider,
        tenant: r.tenant,
        externalId: r.external_id,
        punchCount: Number(r.punch_count),
        firstAtMs: Number(r.first_at_ms),
        lastAtMs: Number(r.last_at_ms),
      })),
    };
  }

  /** Gives every unmatched punch of the identity to the employee; returns the punches attributed. */
  async attributePunches(db: Kysely<DB>, companyId: number, i: SourceIdentity, employeeId: number) {
    const punches = await db
      .selectFrom('checkins')
      .select(['id', 'at_ms'])
      .where('company_id', '=', companyId)
      .where('provider', '=', i.provider)
      .where('tenant', '=', i.tenant)
      .where('external_id', '=', i.externalId)
      .where('employee_id', 'is', null)
      .execute();
    if (punches.length) {
      await db
        .updateTable('checkins')
        .set({ employee_id: employeeId })
        .where('company_id', '=', companyId)
        .where('provider', '=', i.provider)
        .where('tenant', '=', i.tenant)
        .where('external_id', '=', i.externalId)
        .where('employee_id', 'is', null)
        .execute();
    }
    return punches;
  }
}

export function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
