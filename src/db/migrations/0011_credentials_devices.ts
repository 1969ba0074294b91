import { BIG, type DakaMigration } from './helpers.js';

/**
 * - `login_failures`: failed logins per (username, source address), so a stranger locks a name out
 *   of their own address only; names that do not exist are counted the same way.
 * - `devices.pull_url`: the address an admin registered for pulling the device (ISAPI); a pull goes
 *   nowhere else.
 * - `devices.limit_hit` / `limit_hit_at_ms`: the last limit the device ran into (held punches, photo
 *   bytes), shown on the devices page.
 * - `companies.device_require_token` / `device_require_allowed_ips`: a company's devices must present
 *   their token, or come from their allowed addresses.
 */
export const credentialsDevices: DakaMigration = {
  name: '0011_credentials_devices',
  async up({ db }) {
    await db.schema
      .createTable('login_failures')
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('ip', 'text', (c) => c.notNull())
      .addColumn('failures', 'integer', (c) => c.notNull())
      .addColumn('locked_until_ms', BIG)
      .addColumn('last_failed_at_ms', BIG, (c) => c.notNull())
      .addPrimaryKeyConstraint('login_failures_pk', ['username', 'ip'])
      .execute();
    await db.schema.createIndex('login_failures_last_failed').on('login_failures').column('last_failed_at_ms').execute();
    await db.schema.alterTable('devices').addColumn('pull_url', 'text').execute();
    await db.schema.alterTable('devices').addColumn('limit_hit', 'text').execute();
    await db.schema.alterTable('devices').addColumn('limit_hit_at_ms', BIG).execute();
    await db.schema.alterTable('companies').addColumn('device_require_token', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('companies').addColumn('device_require_allowed_ips', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  },
};
