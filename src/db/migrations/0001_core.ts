import { sql } from 'kysely';
import { BIG, type DakaMigration, ref, withId } from './helpers.js';

export const core: DakaMigration = {
  name: '0001_core',
  async up({ db, dialect }) {
    await withId(db.schema.createTable('companies'), dialect)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('identity_match_order', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('sites'), dialect)
      .addColumn('company_id', BIG, (c) => c.notNull().references('companies.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('address', 'text')
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('geo_lat', 'double precision')
      .addColumn('geo_lng', 'double precision')
      .addColumn('geo_radius_m', 'integer')
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('departments'), dialect)
      .addColumn('company_id', BIG, (c) => c.notNull().references('companies.id'))
      .addColumn('parent_id', BIG, ref('departments.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('code', 'text')
      .addColumn('manager_employee_id', BIG)
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('departments_company').on('departments').columns(['company_id', 'parent_id']).execute();

    await withId(db.schema.createTable('employees'), dialect)
      .addColumn('company_id', BIG, (c) => c.notNull().references('companies.id'))
      .addColumn('job_number', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('mobile', 'text')
      .addColumn('department_id', BIG, ref('departments.id'))
      .addColumn('manager_id', BIG, ref('employees.id', 'set null'))
      .addColumn('site_id', BIG, ref('sites.id'))
      .addColumn('time_zone', 'text')
      .addColumn('hire_date', 'text')
      .addColumn('leave_date', 'text')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .addUniqueConstraint('employees_job_number', ['company_id', 'job_number'])
      .execute();
    await db.schema.createIndex('employees_department').on('employees').columns(['company_id', 'department_id']).execute();
    await db.schema.createIndex('employees_email').on('employees').columns(['company_id', 'email']).execute();
    await db.schema.createIndex('employees_mobile').on('employees').columns(['company_id', 'mobile']).execute();

    await withId(db.schema.createTable('external_identities'), dialect)
      .addColumn('company_id', BIG, (c) => c.notNull().references('companies.id'))
      .addColumn('employee_id', BIG, (c) => c.notNull().references('employees.id').onDelete('cascade'))
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('tenant', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addUniqueConstraint('external_identities_key', ['company_id', 'provider', 'tenant', 'external_id'])
      .execute();
    await db.schema.createIndex('external_identities_employee').on('external_identities').column('employee_id').execute();

    await withId(db.schema.createTable('checkins'), dialect)
      .addColumn('company_id', BIG, (c) => c.notNull().references('companies.id'))
      .addColumn('employee_id', BIG, ref('employees.id'))
      .addColumn('provider', 'text', (c) => c.notNull())
      .addColumn('tenant', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('at_ms', BIG, (c) => c.notNull())
      .addColumn('wall_time', 'text', (c) => c.notNull())
      .addColumn('utc_offset_min', 'integer', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('source_record_id', 'text')
      .addColumn('device_sn', 'text')
      .addColumn('verify_method', 'text')
      .addColumn('direction', 'text')
      .addColumn('location', 'text')
      .addColumn('photo_ref', 'text')
      .addColumn('platform_result', 'text')
      .addColumn('raw', 'text')
      .addColumn('received_at_ms', BIG, (c) => c.notNull())
      .addColumn('idempotency_key', 'text', (c) => c.notNull())
      .addColumn('hold_reason', 'text')
      .addUniqueConstraint('checkins_idempotency', ['company_id', 'idempotency_key'])
      .execute();
    await db.schema.createIndex('checkins_employee_time').on('checkins').columns(['employee_id', 'at_ms']).execute();
    await db.schema.createIndex('checkins_company_time').on('checkins').columns(['company_id', 'at_ms']).execute();
    await db.schema
      .createIndex('checkins_unmatched')
      .on('checkins')
      .columns(['company_id', 'provider', 'tenant', 'external_id'])
      .where(sql.ref('employee_id'), 'is', null)
      .execute();

    await withId(db.schema.createTable('users'), dialect)
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('employee_id', BIG, ref('employees.id', 'set null'))
      .addColumn('locale', 'text')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
      .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until_ms', BIG)
      .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_login_at_ms', BIG)
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('user_companies')
      .addColumn('user_id', BIG, (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('company_id', BIG, (c) => c.notNull().references('companies.id').onDelete('cascade'))
      .addPrimaryKeyConstraint('user_companies_pk', ['user_id', 'company_id'])
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', BIG, (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addColumn('expires_at_ms', BIG, (c) => c.notNull())
      .addColumn('last_seen_at_ms', BIG, (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .execute();

    await withId(db.schema.createTable('api_tokens'), dialect)
      .addColumn('user_id', BIG, (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('scopes', 'text', (c) => c.notNull())
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addColumn('expires_at_ms', BIG)
      .addColumn('last_used_at_ms', BIG)
      .addColumn('revoked_at_ms', BIG)
      .execute();

    await withId(db.schema.createTable('audit_log'), dialect)
      .addColumn('at_ms', BIG, (c) => c.notNull())
      .addColumn('actor_user_id', BIG)
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('actor_token_id', BIG)
      .addColumn('ip', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text')
      .addColumn('company_id', BIG)
      .addColumn('before', 'text')
      .addColumn('after', 'text')
      .execute();
    await db.schema.createIndex('audit_log_time').on('audit_log').columns(['at_ms']).execute();
    await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'entity_id']).execute();

    await withId(db.schema.createTable('jobs'), dialect)
      .addColumn('queue', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('run_at_ms', BIG, (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('backoff_ms', BIG, (c) => c.notNull())
      .addColumn('singleton_key', 'text')
      .addColumn('last_error', 'text')
      .addColumn('locked_until_ms', BIG)
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addColumn('finished_at_ms', BIG)
      .execute();
    await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at_ms']).execute();
    await db.schema.createIndex('jobs_singleton').on('jobs').columns(['queue', 'singleton_key', 'status']).execute();

    await db.schema
      .createTable('job_schedules')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('cron', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('next_run_at_ms', BIG, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .execute();
  },
};
