/**
 * Web clock-in (H5 打卡) for employees without DingTalk or WeCom. The server's clock decides the
 * instant; the browser's position is judged against the site geofences and kept as evidence; the
 * punch goes through the same ingest as every other source. A single-use challenge fetched just
 * before the punch names the punch's identity key, so a double tap or a replay stores one punch,
 * and a captured request is useless once the challenge expires.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { groupOn } from '../schedules/group-resolution.js';
import { resolveGroups } from '../schedules/group-members.repo.js';
import { groupSettingsFromRow, DEFAULT_POLICY, type WebPunchRules } from '../schedules/policy.js';
import { localDate, zonedDayStartMs, addDays } from '../../shared/dates.js';
import { AppError, badRequest, forbidden } from '../../shared/errors.js';
import { offsetMinutesAt, wallTimeAt } from '../../shared/time.js';
import type { PunchLocation, SourceIdentity } from '../../sources/types.js';
import type { Actor } from '../auth/actor.js';
import type { CheckinsService } from '../checkins/checkins.service.js';
import { identityKey } from '../identities/identities.repo.js';
import { judgeFix, type FenceVerdict } from './geofence.js';
import { decodePhoto } from './photo.js';
import { WebPunchRepo } from './web-punch.repo.js';
import type { WebPunchBodyT } from './web-punch.schemas.js';

const CHALLENGE_TTL_MS = 5 * 60_000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class WebPunchService {
  readonly repo: WebPunchRepo;

  constructor(
    db: Kysely<DB>,
    private readonly checkins: CheckinsService,
    private readonly now: () => number = Date.now,
  ) {
    this.repo = new WebPunchRepo(db);
    this.db = db;
  }

  private readonly db: Kysely<DB>;

  /** Everything the clock-in page needs, and a fresh challenge for the next punch. */
  async status(actor: Actor) {
    const ctx = await this.context(actor);
    const token = randomBytes(24).toString('base64url');
    await this.repo.issueChallenge(actor.userId!, ctx.employee.id, sha256(token), this.now(), CHALLENGE_TTL_MS);
    const dayStart = zonedDayStartMs(ctx.today, ctx.zone);
    const today = await this.repo.punchesBetween(ctx.employee.company_id, ctx.employee.id, dayStart, zonedDayStartMs(addDays(ctx.today, 1), ctx.zone));
    return {
      employee: { id: ctx.employee.id, name: ctx.employee.name, jobNumber: ctx.employee.job_number },
      groupName: ctx.groupName,
      rules: ctx.rules,
      fences: ctx.fences.map((f) => ({ siteId: f.siteId, name: f.name, lat: f.lat, lng: f.lng, radiusM: f.radiusM })),
      timeZone: ctx.zone,
      date: ctx.today,
      serverNowMs: this.now(),
      today: today.map((p) => ({ id: p.id, atMs: Number(p.at_ms), wallTime: p.wall_time, source: p.source })),
      challenge: token,
      challengeExpiresAtMs: this.now() + CHALLENGE_TTL_MS,
    };
  }

  async punch(actor: Actor, body: WebPunchBodyT) {
    const ctx = await this.context(actor);
    const nowMs = this.now();
    const challengeHash = sha256(body.challenge);
    const challenge = await this.repo.challenge(challengeHash);
    if (!challenge || Number(challenge.user_id) !== actor.userId) throw badRequest('CHALLENGE_UNKNOWN', 'This punch was not prepared by this page: reload it and punch again');
    const key = `web:${ctx.employee.id}:${challengeHash.slice(0, 40)}`;
    // A double tap or a replay of a punch that went through: the same punch, nothing new.
    const done = await this.repo.punchByKey(ctx.employee.company_id, key);
    if (done) return this.answer('duplicate', done.id, Number(done.at_ms), done.wall_time, ctx.zone, done.location);
    if (Number(challenge.expires_at_ms) < nowMs) throw badRequest('CHALLENGE_EXPIRED', 'The page waited too long: reload it and punch again');
    if (!ctx.rules.enabled) throw forbidden('Web clock-in is not open for your attendance group');

    const { verdict, fieldWork } = this.judge(ctx.rules, ctx.fences, body);
    const photo = body.photo ? decodePhoto(body.photo) : null;
    if (ctx.rules.photo === 'required' && !photo) throw badRequest('PHOTO_REQUIRED', 'Your attendance group asks for a photo with each punch');
    if (ctx.rules.photo === 'off' && photo) throw badRequest('PHOTO_NOT_ALLOWED', 'Your attendance group does not take photos with punches');

    const offset = offsetMinutesAt(ctx.zone, nowMs);
    const location = body.location
      ? {
          lat: body.location.lat,
          lng: body.location.lng,
          accuracyM: Math.round(body.location.accuracyM),
          geofence: verdict
            ? { verdict: verdict.kind === 'inside' ? ('inside' as const) : ('outside' as const), siteId: 'siteId' in verdict ? verdict.siteId : null, distanceM: 'distanceM' in verdict ? verdict.distanceM : null }
            : { verdict: 'not_checked' as const, siteId: null, distanceM: null },
          fieldWorkReason: fieldWork ? body.fieldWorkReason!.trim() : null,
        }
      : null;
    if (photo) await this.repo.savePhoto(ctx.employee.company_id, key, photo.mime, photo.bytes, nowMs);
    const identity: SourceIdentity = { provider: 'employee', tenant: '', externalId: String(ctx.employee.id) };
    const summary = await this.checkins.ingest(
      ctx.employee.company_id,
      [
        {
          source: 'web',
          sourceRecordId: null,
          idempotencyKey: key,
          identity,
          atMs: nowMs,
          wallTime: wallTimeAt(nowMs, offset),
          utcOffsetMin: offset,
          timeZone: ctx.zone,
          verifyMethod: location ? 'gps' : null,
          location,
          photoRef: photo ? `web-photo:${key}` : null,
          raw: { userAgent: (body.userAgent ?? '').slice(0, 300) || null, ip: actor.ip },
        },
      ],
      { resolved: new Map([[identityKey(identity), ctx.employee.id]]) },
      actor,
    );
    const item = summary.items[0];
    const stored = await this.repo.punchByKey(ctx.employee.company_id, key);
    return this.answer(item.outcome === 'created' ? 'created' : 'duplicate', stored!.id, Number(stored!.at_ms), stored!.wall_time, ctx.zone, stored!.location);
  }

  /** Refuses what the group does not allow; returns the verdict and whether it is field work. */
  private judge(rules: WebPunchRules, fences: Parameters<typeof judgeFix>[0], body: WebPunchBodyT): { verdict: FenceVerdict | null; fieldWork: boolean } {
    if (rules.location === 'off') return { verdict: null, fieldWork: false };
    if (!body.location) throw badRequest('LOCATION_REQUIRED', 'Allow the browser to share your position to punch');
    if (!fences.length) throw new AppError('NO_GEOFENCE', 'No site of your company has a geofence yet: ask HR to set one', 409);
    const verdict = judgeFix(fences, body.location, rules.maxAccuracyM);
    if (verdict.kind === 'inaccurate') {
      throw badRequest('LOCATION_INACCURATE', `Your position is only known to ${verdict.accuracyM} m; ${verdict.limitM} m is needed. Step outside or turn on precise location`, verdict);
    }
    if (verdict.kind === 'inside') return { verdict, fieldWork: false };
    if (!rules.fieldWork) throw new AppError('OUTSIDE_GEOFENCE', `You are ${verdict.distanceM ?? '?'} m from ${verdict.siteName ?? 'the site'}, outside its punch range`, 422, verdict);
    if (!body.fieldWorkReason?.trim()) throw new AppError('FIELD_WORK_REASON_REQUIRED', 'You are outside the punch range: say why to punch as field work (外勤)', 422, verdict);
    return { verdict, fieldWork: true };
  }

  private answer(outcome: 'created' | 'duplicate', id: number, atMs: number, wallTime: string, zone: string, location: string | null) {
    const loc = location ? (JSON.parse(location) as PunchLocation) : null;
    return { outcome, checkin: { id, atMs, wallTime, timeZone: zone }, geofence: loc?.geofence ?? null, fieldWorkReason: loc?.fieldWorkReason ?? null };
  }

  private async context(actor: Actor) {
    if (actor.kind !== 'user' || actor.userId === null || actor.employeeId === null) throw forbidden('Only a signed-in employee can clock in');
    const employee = await this.repo.employee(actor.employeeId);
    if (!employee || employee.status !== 'active') throw forbidden('Your employee record is not active');
    const zone = employee.employee_zone ?? employee.site_zone ?? employee.company_zone;
    const today = localDate(this.now(), zone);
    const groups = await resolveGroups(this.db, employee.company_id, [employee.id], today, today);
    const groupId = groupOn(groups.get(employee.id), today);
    const group = groupId === null ? undefined : await this.repo.group(groupId);
    const rules = group ? groupSettingsFromRow(group).webPunch : { ...DEFAULT_POLICY.webPunch };
    const fences = await this.repo.fences(employee.company_id, employee.site_id);
    return { employee, zone, today, rules, fences, groupName: group?.name ?? null };
  }
}
