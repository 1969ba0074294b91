/**
 * `daka simulate devices`: a fleet of simulated ZKTeco push terminals uploading to a Daka server
 * (or, without --server, to an in-process hub that checks its own ledger). Prints one JSON summary.
 */
import { simulateDevicesCommand, type FleetFaults } from '../sources/zkteco-push/simulator.js';

export interface SimulateDevicesCliOptions {
  count: string;
  server?: string;
  punches?: string;
  batch?: string;
  seed?: string;
  offlineRate?: string;
  dropRate?: string;
  fullReplay?: boolean;
  quirks?: boolean;
}

function num(name: string, value: string | undefined, min: number, max: number, integer = true): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} between ${min} and ${max}, got '${value}'`);
  }
  return n;
}

export async function simulateDevices(opts: SimulateDevicesCliOptions): Promise<number> {
  try {
    if (opts.server !== undefined && !/^https?:\/\/[^/]+/.test(opts.server)) throw new Error(`--server must be an http(s) URL, got '${opts.server}'`);
    const faults: FleetFaults = { quirks: opts.quirks !== false };
    const offline = num('offline-rate', opts.offlineRate, 0, 1, false);
    const drop = num('drop-rate', opts.dropRate, 0, 1, false);
    if (offline) faults.offline = offline;
    if (drop) faults.dropReply = drop;
    if (opts.fullReplay) faults.fullReplay = true;
    const summary = await simulateDevicesCommand({
      count: num('count', opts.count, 1, 100_000)!,
      server: opts.server,
      punches: num('punches', opts.punches, 1, 10_000_000),
      batchSize: num('batch', opts.batch, 1, 10_000),
      seed: num('seed', opts.seed, 0, 2 ** 31),
      faults,
    });
    return summary.verification && !summary.verification.ok ? 1 : 0;
  } catch (err) {
    process.stderr.write(`simulate devices failed: ${(err as Error).message}\n`);
    return 1;
  }
}
