/**
 * A real server (startServer on SQLite in a temp dir, listening on 127.0.0.1) and 20 simulated
 * ZKTeco push devices over real HTTP, with the faults real deployments see: lost replies, offline
 * backlogs, firmware wire quirks, a full-history replay at the end. Every generated punch must be
 * stored exactly once; commands queued at boot must come back as results.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithLedger, createCompany, registerFleet, serialOf, startHub } from '../bench/devices.js';
import { systemActor } from '../src/modules/auth/actor.js';
import type { RunningServer } from '../src/server.js';
import { runDeviceFleet } from '../src/sources/zkteco-push/simulator.js';

describe('devices end to end over HTTP', () => {
  let hub: RunningServer;
  let dir: string;
  const prefix = 'E2E';
  const count = 20;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'daka-e2e-devices-'));
    hub = await startHub(dir);
  });
  afterAll(async () => {
    await hub?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores every punch of a faulty fleet exactly once and round-trips commands', async () => {
    const db = hub.database.db;
    const companyId = await createCompany(db, 'e2e-devices');
    await registerFleet(hub.services, companyId, prefix, count);
    const ids = new Map((await db.selectFrom('devices').select(['id', 'serial_number']).where('company_id', '=', companyId).execute()).map((d) => [d.serial_number, d.id]));
    expect(ids.size).toBe(count);

    const run = await runDeviceFleet({
      count,
      server: hub.url,
      punchesPerDevice: 400,
      seed: 11,
      snPrefix: prefix,
      faults: { quirks: true, dropReply: 0.15, offline: 0.05, fullReplay: true },
      onBoot: async (dev) => {
        await hub.services.deviceCommands.queue(systemActor('e2e'), ids.get(dev.sn)!, { kind: 'info' });
      },
    });
    expect(run.totals.droppedReplies).toBeGreaterThan(0);
    expect(run.ledger.size).toBe(count * 400);

    const check = await compareWithLedger(db, prefix, run.ledger.keys());
    expect(check).toEqual({ generated: count * 400, stored: count * 400, lost: 0, duplicated: 0, unexpected: 0 });

    const fleetIds = [...ids.values()];
    const commands = await db.selectFrom('device_commands').select(['device_id', 'status', 'return_code']).where('kind', '=', 'info').where('device_id', 'in', fleetIds).execute();
    expect(commands).toHaveLength(count);
    expect(commands.every((c) => c.status === 'done' && c.return_code === 0)).toBe(true);
    expect(new Set(commands.map((c) => c.device_id)).size).toBe(count);

    await hub.services.devicesHealth.run();
    const devices = await db.selectFrom('devices').selectAll().where('company_id', '=', companyId).execute();
    expect(devices.every((d) => d.online === 1 && d.last_upload_at_ms !== null && d.last_punch_at_ms !== null)).toBe(true);
    // INFO (first poll and the INFO command's result) reports the simulator's 20 users and its log size.
    expect(devices.every((d) => d.user_count === 20 && d.attlog_count !== null && d.firmware !== null)).toBe(true);
    expect(devices.map((d) => d.serial_number).sort()).toEqual(Array.from({ length: count }, (_, i) => serialOf(prefix, i)));
  }, 120_000);
});
