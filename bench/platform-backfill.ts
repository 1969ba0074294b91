/**
 * Full-month DingTalk back-fill against the simulator.
 *   npx tsx bench/platform-backfill.ts [--users 10000] [--rps 20] [--fault-rate 0.2]
 * Run 1 (clean) must finish within 1.2× the theoretical minimum (calls ÷ rate: the platform's
 * limit alone) and break no limit. The client counts a call in every window until its answer is
 * back (the only instant by which it surely arrived), so each window of `rps` calls costs 1 s plus
 * about one answer's latency: the JSON reports that latency. Run 2 faults 20% of
 * responses with mixed kinds and must yield exactly the same punches. Prints one JSON object.
 *
 * The simulator runs in a child process, as the real platform would be another machine: sharing
 * one event loop would make the bench measure the simulator's CPU instead of the client's pacing.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { planDingTalkBackfill, runDingTalkBackfill } from '../src/sources/dingtalk/backfill.js';
import { DingTalkClient } from '../src/sources/dingtalk/client.js';
import { startDingTalkSimulator, type DingTalkSimulatorStats } from '../src/sources/dingtalk/simulator/server.js';
import type { RetryPolicy } from '../src/sources/platform/api-caller.js';
import type { BackfillCursor } from '../src/sources/platform/backfill.js';
import { FakeCompany } from '../src/sources/platform/simulator/fake-company.js';
import type { FaultOptions } from '../src/sources/platform/simulator/faults.js';
import { egressPolicy } from '../src/shared/egress/index.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const users = arg('users', 10_000);
const rps = arg('rps', 20);
const faultRate = arg('fault-rate', 0.2);
const SEED = 'bench';

type Msg = { cmd: 'setFaults'; faults: FaultOptions | null } | { cmd: 'stats' } | { cmd: 'close' };

if (process.argv.includes('--serve-simulator')) {
  const sim = await startDingTalkSimulator({ company: new FakeCompany({ seed: SEED, users }), qps: rps });
  process.on('message', async (m: Msg) => {
    if (m.cmd === 'setFaults') sim.setFaults(m.faults);
    if (m.cmd === 'close') await sim.close();
    process.send!({ cmd: m.cmd, stats: sim.stats });
    if (m.cmd === 'close') process.exit(0);
  });
  process.send!({ cmd: 'ready', url: sim.url, corpId: sim.corpId, app: sim.apps[0] });
} else {
  await main();
}

function request(child: ChildProcess, m: Msg): Promise<DingTalkSimulatorStats> {
  return new Promise((resolve) => {
    const on = (r: { cmd: string; stats: DingTalkSimulatorStats }) => {
      if (r.cmd !== m.cmd) return;
      child.off('message', on);
      resolve(r.stats);
    };
    child.on('message', on);
    child.send(m);
  });
}

async function main() {
  const company = new FakeCompany({ seed: SEED, users });
  const dates = company.monthDates();
  const fromDate = dates[0];
  const toDate = dates[dates.length - 1];
  const child = fork(fileURLToPath(import.meta.url), ['--serve-simulator', '--users', String(users), '--rps', String(rps)], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = await new Promise<{ url: string; corpId: string; app: { appKey: string; appSecret: string } }>((resolve) =>
    child.once('message', resolve as (m: unknown) => void),
  );
  // The simulator is this run's own loopback server: allowed as an operator would allow it.
  egressPolicy().allow(ready.url);

  async function backfill(retry: Partial<RetryPolicy>, timeoutMs: number) {
    const latencies: number[] = [];
    const client = new DingTalkClient({
      corpId: ready.corpId,
      appKey: ready.app.appKey,
      appSecret: ready.app.appSecret,
      oapiBaseUrl: ready.url,
      qps: rps,
      timeoutMs,
      retry,
      onCall: (e) => latencies.push(e.durationMs),
    });
    const plan = planDingTalkBackfill(
      company.users.map((u) => u.userId),
      fromDate,
      toDate,
    );
    const before = await request(child, { cmd: 'stats' });
    const keys: string[] = [];
    let cursor: BackfillCursor | null = null;
    const t0 = performance.now();
    for await (const p of runDingTalkBackfill(client, plan, { concurrency: 8 })) {
      for (const c of p.items) keys.push(`${c.idempotencyKey}@${c.atMs}`);
      cursor = p.cursor;
    }
    const wallMs = performance.now() - t0;
    const after = await request(child, { cmd: 'stats' });
    keys.sort();
    latencies.sort((a, b) => a - b);
    const pct = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
    return {
      answerLatencyMs: { p50: pct(0.5), p95: pct(0.95) },
      calls: plan.batches.length,
      wallMs: Math.round(wallMs),
      punches: keys.length,
      distinctKeys: new Set(keys.map((k) => k.slice(0, k.lastIndexOf('@')))).size,
      hash: createHash('sha256').update(keys.join('\n')).digest('hex'),
      requests: after.requests - before.requests,
      qpsRejected: after.qpsRejected - before.qpsRejected,
      cursorComplete: cursor !== null && (cursor as BackfillCursor).doneBelow === plan.batches.length,
    };
  }

  const clean = await backfill({}, 10_000);
  // The platform admits `rps` calls in any second: the fastest any client may go.
  const theoreticalMs = Math.round((clean.calls / rps) * 1000);

  // The faulted run is a new client against the same app: its limiter has not seen the clean run's
  // last calls, which the platform still counts for one second. A second's pause keeps the second
  // run's first calls out of the first run's last window (as after a restart).
  await new Promise((r) => setTimeout(r, 1_100));
  await request(child, {
    cmd: 'setFaults',
    faults: {
      rate: faultRate,
      seed: 'bench-faults',
      hangMs: 2_500,
      slowMs: 800,
      kinds: { rate_limit: 3, global_rate_limit: 1, token_expired: 2, server_error: 2, system_busy: 1, timeout: 1, html_ban: 0.5, slow: 2 },
    },
  });
  const faulted = await backfill(
    {
      maxTransientRetries: 6,
      maxRateLimitRetries: 10,
      maxBanPauses: 4,
      transientBackoff: { baseMs: 200, maxMs: 2_000 },
      rateLimitBackoff: { baseMs: 1_000, maxMs: 4_000 },
      // The real ban lasts 5 minutes; the simulated one is a single page, so pause briefly.
      banPauseMs: 1_500,
    },
    1_500,
  );
  const final = await request(child, { cmd: 'close' });

  const ratio = clean.wallMs / theoreticalMs;
  console.log(
    JSON.stringify({
      bench: 'platform-backfill',
      platform: 'dingtalk',
      users,
      range: { fromDate, toDate, days: dates.length },
      rps,
      calls: clean.calls,
      theoreticalMinMs: theoreticalMs,
      clean: { ...clean, ratioToTheoretical: +ratio.toFixed(3) },
      faulted: { ...faulted, faultRate, injected: final.faults },
      pass: {
        withinRatio: ratio <= 1.2,
        identicalPunches: faulted.hash === clean.hash && faulted.punches === clean.punches,
        noDuplicateKeys: clean.distinctKeys === clean.punches,
        cursorsComplete: clean.cursorComplete && faulted.cursorComplete,
        noQpsViolationsWhenClean: clean.qpsRejected === 0,
        // Retries and calls given up on (timeouts) included: the platform's count of arrivals.
        noQpsViolationsWhenFaulted: faulted.qpsRejected === 0,
      },
    }),
  );
}
