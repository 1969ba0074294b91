export { startDingTalkSimulator, type DingTalkSimulator, type DingTalkSimulatorOptions, type DingTalkSimApp } from './server.js';
export { PROCESS_CODES as DINGTALK_SIM_PROCESS_CODES } from './records.js';
export { FakeCompany, type FakeCompanyOptions } from '../../platform/simulator/fake-company.js';
export type { FaultKind, FaultOptions } from '../../platform/simulator/faults.js';
export { SimStreamGateway, type SimStreamOptions, type SimStreamStats } from './stream.js';
export type { DingTalkSimEvents } from './events.js';
