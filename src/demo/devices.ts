/**
 * The demo's two attendance machines, alive: each polls the server's `/iclock/getrequest` every
 * 30 seconds as a ZKTeco push terminal does, so they show online, and they carry out the commands
 * Daka queues for them (the employees of their site are sent to them). They record no punches.
 */
import type { Services } from '../modules/index.js';
import { SimulatedDevice } from '../sources/zkteco-push/simulator.js';

const HEARTBEAT_MS = 30_000;

export async function startDemoDevices(services: Services, baseUrl: string, say: (line: string) => void): Promise<{ close(): Promise<void> } | null> {
  const setting = await services.db.selectFrom('settings').select('value').where('key', '=', 'demo_company_id').executeTakeFirst();
  if (!setting) return null;
  const companyId = JSON.parse(setting.value) as number;
  const rows = await services.db.selectFrom('devices').select('serial_number').where('company_id', '=', companyId).where('serial_number', 'like', 'DEMO-ZK-%').where('status', '=', 'active').execute();
  const devices = rows.map((r) => new SimulatedDevice({ sn: r.serial_number, server: baseUrl, language: 83, users: [], msPerDelaySecond: 0, requestTimeoutMs: 10_000 }));
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const beat = () => {
    // A machine that cannot reach the server tries again at the next beat, as real ones do.
    running = Promise.all(devices.map((d) => d.poll().catch(() => undefined)));
  };
  beat();
  const timer = setInterval(() => {
    if (!stopped) beat();
  }, HEARTBEAT_MS);
  timer.unref();
  say(`Demo: ${devices.length} attendance machines send heartbeats to ${baseUrl}/iclock every ${HEARTBEAT_MS / 1000} s`);
  return {
    close: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
