import { BIG, type DakaMigration, withId } from './helpers.js';

/**
 * Attendance setup (shift types, groups, rosters, calendars, leave types, requests) and
 * results (one attendance day per employee and date).
 */
export const attendance: DakaMigration = {
  name: '0002_attendance',
  async up({ db, dialect }) {
    await withId(db.schema.createTable('shift_types'), dialect)
      .addColumn('company_id', BIG, (c) => c.notNull().references('companies.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('definition', 'text', (c) => c.notNull())
      .addColumn('color', 'text')
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .addUniqueConstraint('shift_types_code', ['company_id', 'code'])
      .execute();

    await withId(db.schema.createTable('holiday_calendars'), dialect)
      .addColumn('company_id', BIG, (c) => c.references('companies.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('weekend_days', 'text', (c) => c.notNull())
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('holiday_calendars_code').on('holiday_calendars').columns(['company_id', 'code']).unique().execute();

    await db.schema
      .createTable('calendar_days')
      .addColumn('calendar_id', BIG, (c) => c.notNull().references('holiday_calendars.id').onDelete('cascade'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('day_type', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('calendar_days_pk', ['calendar_id', 'date'])
      .execute();

    await withId(db.schema.createTable('attendance_groups'), dialect)
      .addColumn('company_id', BIG, (c) => c.notNull().references('companies.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text')
      .addColumn('holiday_calendar_id', BIG, (c) => c.references('holiday_calendars.id'))
      .addColumn('policy', 'text', (c) => c.notNull())
      .addColumn('weekly', 'text')
      .addColumn('roster_cycle', 'text')
      .addColumn('free_hours', 'text')
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable('group_members'), dialect)
      .addColumn('company_id', BIG, (c) => c.notNull().references('companies.id'))
      .addColumn('group_id', BIG, (c) => c.notNull().references('attendance_groups.id').onDelete('cascade'))
      .addColumn('department_id', BIG, (c) => c.references('departments.id'))
      .addColumn('employee_id', BIG, (c) => c.references('employees.id'))
      .addColumn('effective_from', 'text', (c) => c.notNull())
      .addColumn('effective_to', 'text')
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('group_members_employee').on('group_members').columns(['employee_id']).execute();
    await db.schema.createIndex('group_members_department').on('group_members').columns(['department_id']).execute();

    await db.schema
      .createTable('roster_entries')
      .addColumn('company_id', BIG, (c) => c.notNull().references('companies.id'))
      .addColumn('employee_id', BIG, (c) => c.notNull().references('employees.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('shift_type_id', BIG, (c) => c.references('shift_types.id'))
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .addPrimaryKeyConstraint('roster_entries_pk', ['employee_id', 'date'])
      .execute();

    await withId(db.schema.createTable('leave_types'), dialect)
      .addColumn('company_id', BIG, (c) => c.notNull().references('companies.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('paid', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addUniqueConstraint('leave_types_code', ['company_id', 'code'])
      .execute();

    await withId(db.schema.createTable('requests'), dialect)
      .addColumn('company_id', BIG, (c) => c.notNull().references('companies.id'))
      .addColumn('employee_id', BIG, (c) => c.notNull().references('employees.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('leave_type', 'text')
      .addColumn('from_date', 'text')
      .addColumn('to_date', 'text')
      .addColumn('half', 'text')
      .addColumn('hours', 'double precision')
      .addColumn('from_ms', BIG)
      .addColumn('to_ms', BIG)
      .addColumn('correction_at_ms', BIG)
      .addColumn('reason', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text')
      .addColumn('created_by_user_id', BIG)
      .addColumn('decided_by_user_id', BIG)
      .addColumn('decided_at_ms', BIG)
      .addColumn('decision_note', 'text')
      .addColumn('created_at_ms', BIG, (c) => c.notNull())
      .addColumn('updated_at_ms', BIG, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('requests_employee').on('requests').columns(['employee_id', 'kind', 'status']).execute();
    await db.schema.createIndex('requests_company_status').on('requests').columns(['company_id', 'status']).execute();
    await db.schema.createIndex('requests_external').on('requests').columns(['company_id', 'source', 'external_id']).unique().execute();

    await db.schema
      .createTable('attendance_days')
      .addColumn('company_id', BIG, (c) => c.notNull().references('companies.id'))
      .addColumn('employee_id', BIG, (c) => c.notNull().references('employees.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('group_id', BIG)
      .addColumn('shift_type_id', BIG)
      .addColumn('day_type', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('late', 'integer', (c) => c.notNull())
      .addColumn('late_minutes', 'integer', (c) => c.notNull())
      .addColumn('late_level', 'text', (c) => c.notNull())
      .addColumn('early', 'integer', (c) => c.notNull())
      .addColumn('early_minutes', 'integer', (c) => c.notNull())
      .addColumn('missing_in', 'integer', (c) => c.notNull())
      .addColumn('missing_out', 'integer', (c) => c.notNull())
      .addColumn('worked_minutes', 'integer', (c) => c.notNull())
      .addColumn('overtime_minutes', 'integer', (c) => c.notNull())
      .addColumn('overtime_category', 'text', (c) => c.notNull())
      .addColumn('overtime_pay_multiplier', 'double precision', (c) => c.notNull())
      .addColumn('unapproved_overtime_minutes', 'integer')
      .addColumn('in_time', 'text')
      .addColumn('out_time', 'text')
      .addColumn('ignored_punch_count', 'integer', (c) => c.notNull())
      .addColumn('duplicate_punch_count', 'integer', (c) => c.notNull())
      .addColumn('leave_type', 'text')
      .addColumn('leave_half', 'text')
      .addColumn('corrections_used', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('explanation', 'text')
      .addColumn('computed_at_ms', BIG, (c) => c.notNull())
      .addPrimaryKeyConstraint('attendance_days_pk', ['employee_id', 'date'])
      .execute();
    await db.schema.createIndex('attendance_days_company_date').on('attendance_days').columns(['company_id', 'date', 'status']).execute();
  },
};
