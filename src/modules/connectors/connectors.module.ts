/** Builds the connectors module once, for the composition root. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { JobQueue } from '../../jobs/queue.js';
import type { DomainEvents } from '../../shared/events.js';
import type { SecretBox } from '../../shared/secret-box.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import type { CheckinsService } from '../checkins/checkins.service.js';
import type { DepartmentsService } from '../departments/departments.service.js';
import { EmployeesService } from '../employees/employees.service.js';
import type { IdentitiesService } from '../identities/identities.service.js';
import { RequestsService } from '../requests/requests.service.js';
import type { Outbox } from '../outbox/outbox.js';
import type { LeaveRequestHooks } from '../leave-balances/request-hooks.js';
import { ConnectorCallbacks } from './connector-callbacks.js';
import { ConnectorClients } from './connector-config.js';
import { ConnectorStreams } from './connector-streams.js';
import { ConnectorsRepo } from './connectors.repo.js';
import { ConnectorsService } from './connectors.service.js';
import type { SyncDeps } from './sync-context.js';
import { companyTimeZone } from '../companies/company-lookups.repo.js';

export interface ConnectorsModuleDeps {
  db: Kysely<DB>;
  access: AccessPolicy;
  audit: AuditRepo;
  queue: JobQueue;
  secrets: SecretBox;
  events: DomainEvents;
  checkins: CheckinsService;
  identities: IdentitiesService;
  departments: DepartmentsService;
  outbox: Outbox;
  /** Mirrored leave moves balances as filed leave does. */
  leaveHooks?: LeaveRequestHooks;
  now: () => number;
}

export function createConnectorsModule(deps: ConnectorsModuleDeps) {
  const repo = new ConnectorsRepo(deps.db);
  const clients = new ConnectorClients(repo, deps.secrets, deps.now);
  const syncDeps: SyncDeps = {
    db: deps.db,
    repo,
    clients,
    checkins: deps.checkins,
    identities: deps.identities,
    // Employees and requests are written through their services (validation, audit, recompute events).
    employees: new EmployeesService(deps.db, deps.access, deps.audit, deps.now, null, deps.outbox),
    departments: deps.departments,
    requests: new RequestsService(deps.db, deps.access, deps.audit, deps.events, deps.now, deps.leaveHooks, deps.outbox),
    outbox: deps.outbox,
    now: deps.now,
  };
  const companyZone = (companyId: number) => companyTimeZone(deps.db, companyId);
  const connectors = new ConnectorsService(deps.db, repo, clients, deps.secrets, deps.access, deps.audit, deps.queue, syncDeps, deps.now);
  const connectorCallbacks = new ConnectorCallbacks(repo, clients, deps.queue, companyZone, deps.now);
  // Stream connections run only where the workers are started; until then refresh() does nothing.
  const connectorStreams = new ConnectorStreams(repo, clients, connectorCallbacks, deps.now);
  connectors.onChanged(() => void connectorStreams.refresh());
  connectors.onDeleted(() => connectorStreams.refresh());
  return { connectors, connectorCallbacks, connectorStreams };
}
