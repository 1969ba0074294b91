export { startWeComSimulator, type WeComSimulator, type WeComSimulatorOptions, type WeComSimApp } from './server.js';
export { WeComSimVacations, DEFAULT_VACATION_TYPES as WECOM_SIM_VACATION_TYPES } from './vacations.js';
export { TEMPLATE_IDS as WECOM_SIM_TEMPLATE_IDS } from './records.js';
export { FakeCompany, type FakeCompanyOptions } from '../../platform/simulator/fake-company.js';
export type { FaultKind, FaultOptions } from '../../platform/simulator/faults.js';
