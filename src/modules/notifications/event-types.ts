/** The payloads notifications read, named from the one event contract. */
import type { EventPayloads } from '../outbox/event-payloads.js';

export type { DevicePayload, EventPayloads, RequestPayload } from '../outbox/event-payloads.js';
export type AttendanceDayChanged = EventPayloads['attendance_day.changed'];
