import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors.js';
import { HikvisionClient, LOCAL_SCAN_MAX_PAGES } from '../../../src/sources/hikvision/client.js';
import type { HikEvent } from '../../../src/sources/hikvision/mapper.js';
import { startHikvisionSimulator, type HikSimulator } from '../../../src/sources/hikvision/simulator.js';

const p2 = (n: number) => String(n).padStart(2, '0');

/** 95 events over a day: 80 face punches, 10 door events, 5 failed face checks. */
function events(): HikEvent[] {
  return Array.from({ length: 95 }, (_, i) => {
    const minor = i % 19 === 3 ? 76 : i % 9 === 4 ? 21 : 75;
    return {
      major: 5,
      minor,
      time: `2026-09-19T${p2(6 + Math.floor(i / 10))}:${p2((i * 7) % 60)}:00+03:00`,
      employeeNoString: minor === 21 ? undefined : String(100 + (i % 12)),
      serialNo: 5000 + i,
      attendanceStatus: i % 2 ? 'checkOut' : 'checkIn',
    };
  });
}

let sim: HikSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('Hikvision AcsEvent pull client', () => {
  it('pages through ~30-row pages with digest auth and maps every punch once', async () => {
    const all = events();
    sim = await startHikvisionSimulator({ events: all, username: 'admin', password: 'Passw0rd!' });
    const client = new HikvisionClient({ baseUrl: sim.url, username: 'admin', password: 'Passw0rd!' });
    const got = await client.fetchAllEvents({ major: 5, maxResults: 100 });
    expect(got.map((e) => e.serialNo)).toEqual(all.map((e) => e.serialNo));
    const pages = sim.log.filter((l) => l.status === 200);
    expect(pages.map((l) => l.cond?.searchResultPosition)).toEqual([0, 30, 60, 90]);
    expect(new Set(pages.map((l) => l.cond?.searchID)).size).toBe(1);
    // One challenge for the whole search: the nonce is reused with nc incrementing.
    expect(sim.log.filter((l) => l.status === 401)).toHaveLength(1);

    const batch = await client.pullPunches({ sn: 'DS1', timeZone: 'Africa/Kampala' }, {});
    const wantPunches = all.filter((e) => e.minor === 75);
    expect(batch.punches.map((p) => p.idempotencyKey)).toEqual(wantPunches.map((e) => `hik:DS1:${e.serialNo}`));
    expect(batch.ignored).toEqual({ not_authentication: all.length - wantPunches.length });
    expect(batch.punches[0]).toMatchObject({ wallTime: '2026-09-19T06:00:00', atMs: Date.UTC(2026, 8, 19, 3, 0), direction: 'in', verifyMethod: 'face' });
  });

  it('filters by minor, employee and time window', async () => {
    sim = await startHikvisionSimulator({ events: events() });
    const client = new HikvisionClient({ baseUrl: sim.url, username: 'admin', password: 'Passw0rd!' });
    const got = await client.fetchAllEvents({ major: 5, minor: 75, employeeNoString: '101', startTime: '2026-09-19T07:00:00+03:00', endTime: '2026-09-19T12:59:59+03:00' });
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((e) => e.employeeNoString === '101' && e.minor === 75 && e.time! >= '2026-09-19T07' && e.time! < '2026-09-19T13')).toBe(true);
    expect(await client.fetchAllEvents({ major: 1 })).toEqual([]);
  });

  it('re-authenticates when the nonce goes stale mid-search', async () => {
    sim = await startHikvisionSimulator({ events: events(), nonceMaxUses: 2 });
    const client = new HikvisionClient({ baseUrl: sim.url, username: 'admin', password: 'Passw0rd!' });
    expect(await client.fetchAllEvents({ major: 5 })).toHaveLength(95);
    expect(sim.log.filter((l) => l.status === 401).length).toBe(2);
  });

  it('fails clearly on wrong credentials and on device errors', async () => {
    sim = await startHikvisionSimulator({ events: events(), rejectTimeFilter: true });
    const bad = new HikvisionClient({ baseUrl: sim.url, username: 'admin', password: 'wrong' });
    await expect(bad.fetchAllEvents({ major: 5 })).rejects.toMatchObject({ code: 'HIKVISION_AUTH_FAILED' });
    expect(sim.log.filter((l) => l.status === 401)).toHaveLength(2);
    const good = new HikvisionClient({ baseUrl: sim.url, username: 'admin', password: 'Passw0rd!' });
    const err = await good.fetchAllEvents({ major: 5, startTime: '2026-09-19T00:00:00+03:00' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'HIKVISION_REQUEST_FAILED', details: { status: 400 } });
    // ISAPI's reason word is kept; the body itself is not repeated.
    expect((err as AppError).details).toEqual({ status: 400, subStatusCode: 'badJsonContent' });
  });

  const window = { major: 5, startTime: '2026-09-19T07:00:00+03:00', endTime: '2026-09-19T12:59:59+03:00' };

  for (const reason of ['badJsonContent', 'badParameters'] as const) {
    it(`searches without time filters and filters here when the firmware answers ${reason}`, async () => {
      sim = await startHikvisionSimulator({ events: events() });
      const byDevice = await new HikvisionClient({ baseUrl: sim.url, username: 'admin', password: 'Passw0rd!' }).searchEvents(window, 'Africa/Kampala');
      expect(byDevice).toMatchObject({ timeFilter: 'device', complete: true });
      await sim.close();
      sim = await startHikvisionSimulator({ events: events(), rejectTimeFilter: reason });
      const client = new HikvisionClient({ baseUrl: sim.url, username: 'admin', password: 'Passw0rd!' });
      const local = await client.searchEvents(window, 'Africa/Kampala');
      expect(local).toMatchObject({ timeFilter: 'local', complete: true });
      expect(local.events.map((e) => e.serialNo)).toEqual(byDevice.events.map((e) => e.serialNo));
      expect(local.events.length).toBeGreaterThan(0);
      expect(local.events.length).toBeLessThan(95);
      // One refused search, then the whole log page by page without the filters.
      const answered = sim.log.filter((l) => l.status !== 401);
      expect(answered[0]).toMatchObject({ status: 400, cond: { startTime: window.startTime } });
      expect(answered.slice(1).map((l) => [l.status, l.cond?.startTime, l.cond?.searchResultPosition])).toEqual([
        [200, undefined, 0],
        [200, undefined, 30],
        [200, undefined, 60],
        [200, undefined, 90],
      ]);
      // The mapped pull says where the window was applied.
      const batch = await client.pullPunches({ sn: 'DS1', timeZone: 'Africa/Kampala' }, window);
      expect(batch).toMatchObject({ timeFilter: 'local', complete: true });
      expect(batch.punches.every((p) => p.atMs >= Date.UTC(2026, 8, 19, 4) && p.atMs < Date.UTC(2026, 8, 19, 10))).toBe(true);
    });
  }

  it('bounds the unfiltered scan and says when it stopped early', async () => {
    expect(LOCAL_SCAN_MAX_PAGES).toBe(2000);
    sim = await startHikvisionSimulator({ events: events(), rejectTimeFilter: true });
    const client = new HikvisionClient({ baseUrl: sim.url, username: 'admin', password: 'Passw0rd!' });
    const cut = await client.searchEvents({ ...window, maxPages: 2 }, 'Africa/Kampala');
    expect(cut).toMatchObject({ timeFilter: 'local', complete: false });
    expect(sim.log.filter((l) => l.status === 200)).toHaveLength(2);
  });

  it('stops the unfiltered scan at LOCAL_SCAN_MAX_PAGES, whatever the caller asks for', async () => {
    // One row a page and one more event than the maximum scan holds.
    const log = Array.from({ length: LOCAL_SCAN_MAX_PAGES + 1 }, (_, i) => ({ ...events()[0], serialNo: i + 1 }));
    sim = await startHikvisionSimulator({ events: log, rejectTimeFilter: true, pageCap: 1 });
    const client = new HikvisionClient({ baseUrl: sim.url, username: 'admin', password: 'Passw0rd!' });
    const many = await client.searchEvents({ ...window, maxPages: 1_000_000 }, 'Africa/Kampala');
    expect(many).toMatchObject({ timeFilter: 'local', complete: false });
    expect(sim.log.filter((l) => l.status === 200)).toHaveLength(LOCAL_SCAN_MAX_PAGES);
  }, 60_000);

  it('keeps refused credentials and other rejections apart from refused time filters', async () => {
    sim = await startHikvisionSimulator({ events: events(), rejectTimeFilter: true });
    const bad = new HikvisionClient({ baseUrl: sim.url, username: 'admin', password: 'wrong' });
    await expect(bad.searchEvents(window, 'Africa/Kampala')).rejects.toMatchObject({ code: 'HIKVISION_AUTH_FAILED' });
    // No time filter asked for: nothing to fall back from; a missing major is not a time-filter refusal.
    const good = new HikvisionClient({ baseUrl: sim.url, username: 'admin', password: 'Passw0rd!' });
    expect(await good.searchEvents({ major: 5 }, 'Africa/Kampala')).toMatchObject({ timeFilter: 'none', complete: true });
    await expect(good.searchEvents({ ...window, major: undefined as unknown as number }, 'Africa/Kampala')).rejects.toMatchObject({
      code: 'HIKVISION_REQUEST_FAILED',
      details: { status: 400, subStatusCode: 'MessageParametersLack' },
    });
  });
});
