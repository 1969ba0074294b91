/**
 * Biometric templates reach the other terminals of the same site. A template one approved ZKTeco
 * terminal uploaded (fingerprint, face, palm…) is sent to every other approved terminal of that
 * site that does not hold it, as the `DATA UPDATE` its protocol version takes (commands-templates.ts).
 * Never across sites or companies, never to a pending or disabled terminal, and only to a terminal
 * that knows the PIN (it reported the user, or confirmed the joiner push): a template for an
 * unknown PIN is refused (-10), so the copy waits until the user is there.
 *
 * Each (terminal, template) keeps its copy with the command that carried it: pending until the
 * result arrives (acked / failed), sent again when never answered or answered "busy", up to
 * MAX_PUSH_ATTEMPTS, like joiner pushes. The template travels sealed in the command
 * (`payload_sealed`) and every copy is audited with PIN, kind and source, never the template.
 */
import type { Kysely } from 'kysely';
import type { DB, NewRow } from '../../db/schema.js';
import { buildTemplateUpdatePrefix, type StoredTemplateFacts } from '../../sources/zkteco-push/commands-templates.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import { systemActor } from '../auth/actor.js';
import { MAX_PUSH_ATTEMPTS, PUSH_ACK_TIMEOUT_MS, RETRIABLE_RETURN_CODES } from './device-user-sync.js';
import type { DeviceTemplateCopiesRepo, TemplateCopyRow } from './device-template-copies.repo.js';
import type { DevicesRepo } from './devices.repo.js';
import type { DbDeviceGateway } from './gateway.js';

const ACTOR = systemActor('device-template-copy');
/** Templates are large (a face is several KB): a terminal gets at most this many per run. */
const MAX_COPIES_PER_DEVICE_RUN = 200;
/** Template facts read per site and run. */
const MAX_FACTS_PER_SITE = 50_000;

type Terminal = { id: number; company_id: number | null; site_id: number | null; serial_number: string; push_version: string | null };
type Facts = StoredTemplateFacts & { device_id: number; content_digest: string | null; received_at_ms: number };
/** Why a copy is sent: the target lacks the template, holds older content, or the last send went unanswered. */
type Reason = 'missing' | 'changed' | 'retry';
type Plan = { facts: Facts; sourceId: number; attempts: number; reason: Reason; prefix: string | null; previousCommandId: number | null };

const keyOf = (t: { pin: string; kind: string; slot: string }) => `${t.pin}\u0000${t.kind}\u0000${t.slot}`;

/**
 * Whether content with digest `held` is the newest content. A digest is null for rows stored before
 * digests existed: newest content of unknown digest is taken as unchanged (nothing to compare), while
 * a holder of unknown digest gets newest content that has one, so a re-enrolment is never missed.
 */
const sameContent = (held: string | null, newest: string | null) => newest === null || held === newest;

export class DeviceTemplateCopy {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: DevicesRepo,
    private readonly copies: DeviceTemplateCopiesRepo,
    private readonly audit: AuditRepo,
    private readonly gateway: DbDeviceGateway,
    private readonly now: () => number,
  ) {}

  async run(): Promise<{ queued: number; unsupported: number }> {
    const sites = new Map<string, Terminal[]>();
    for (const d of await this.copies.siteTerminals(this.db)) {
      const k = `${d.company_id}:${d.site_id}`;
      sites.set(k, [...(sites.get(k) ?? []), d]);
    }
    const total = { queued: 0, unsupported: 0 };
    for (const terminals of sites.values()) {
      if (terminals.length < 2) continue;
      const r = await this.copySite(terminals);
      total.queued += r.queued;
      total.unsupported += r.unsupported;
    }
    return total;
  }

  private async copySite(terminals: Terminal[]): Promise<{ queued: number; unsupported: number }> {
    const ids = terminals.map((d) => d.id);
    const facts = (await this.copies.templateFacts(this.db, ids, MAX_FACTS_PER_SITE)) as Facts[];
    if (facts.length === 0) return { queued: 0, unsupported: 0 };
    // Each template once, from the terminal that reported it last, with who holds which content.
    const templates = new Map<string, { newest: Facts; holders: Map<number, string | null> }>();
    for (const f of facts) {
      const t = templates.get(keyOf(f));
      if (!t) templates.set(keyOf(f), { newest: f, holders: new Map([[f.device_id, f.content_digest]]) });
      else {
        t.holders.set(f.device_id, f.content_digest);
        if (f.received_at_ms > t.newest.received_at_ms) t.newest = f;
      }
    }
    const known = await this.copies.knownPins(this.db, ids);
    const copyRows = new Map((await this.copies.copies(this.db, ids)).map((c) => [`${c.device_id}\u0000${keyOf(c)}`, c]));
    const commands = await this.copies.commandStates(this.db, [...copyRows.values()].filter((c) => c.status === 'pending' && c.command_id !== null).map((c) => c.command_id!));
    const now = this.now();
    let queued = 0;
    let unsupported = 0;
    for (const target of terminals) {
      const plans: Plan[] = [];
      for (const { newest, holders } of templates.values()) {
        const held = holders.get(target.id);
        if ((held !== undefined && sameContent(held, newest.content_digest)) || !known.has(`${target.id}\u0000${newest.pin}`)) continue;
        const row = copyRows.get(`${target.id}\u0000${keyOf(newest)}`);
        // A copy of older content counts for nothing: the new content starts its own attempts.
        const fresh = !row || !sameContent(row.content_digest, newest.content_digest);
        const attempts = fresh ? 1 : this.retryDue(row, commands, now) ? row.attempts + 1 : 0;
        if (attempts === 0) continue;
        const reason: Reason = !fresh ? 'retry' : held !== undefined || row ? 'changed' : 'missing';
        plans.push({ facts: newest, sourceId: newest.device_id, attempts, reason, prefix: buildTemplateUpdatePrefix(newest, target.push_version), previousCommandId: row?.command_id ?? null });
        if (plans.length >= MAX_COPIES_PER_DEVICE_RUN) break;
      }
      if (plans.length === 0) continue;
      const r = await this.queue(target, plans, now);
      queued += r.queued;
      unsupported += r.unsupported;
    }
    return { queued, unsupported };
  }

  private async queue(target: Terminal, plans: Plan[], now: number): Promise<{ queued: number; unsupported: number }> {
    const out = await this.db.transaction().execute(async (trx) => {
      const sent: { pin: string; kind: string; slot: string; sourceDeviceId: number; commandId: number; attempt: number; reason: Reason }[] = [];
      let unsupported = 0;
      for (const p of plans) {
        const base = { device_id: target.id, pin: p.facts.pin, kind: p.facts.kind, slot: p.facts.slot, source_device_id: p.sourceId, attempts: p.attempts, updated_at_ms: now };
        // The target's protocol has no table for this template: recorded once as failed, not retried.
        const source = p.prefix === null ? null : await this.copies.sealedTemplate(trx, p.sourceId, p.facts);
        if (p.prefix === null || source === null) {
          if (p.prefix === null) unsupported++;
          if (p.prefix === null) await this.copies.saveCopy(trx, { ...base, content_digest: p.facts.content_digest, status: 'failed', command_id: null, return_code: null });
          continue;
        }
        const row: NewRow<'device_commands'> = {
          device_id: target.id,
          kind: 'copy_template',
          command: p.prefix,
          payload_sealed: source.sealed,
          status: 'queued',
          return_code: null,
          result: null,
          created_by_user_id: null,
          created_at_ms: now,
          sent_at_ms: null,
          finished_at_ms: null,
        };
        const [cmd] = await this.repo.queueCommands(trx, [row]);
        // The attempt this one replaces keeps its text, not its template; one of older content that
        // was never sent is cancelled.
        if (p.previousCommandId !== null) {
          if (p.reason === 'changed') await this.copies.supersede(trx, p.previousCommandId, now);
          await this.copies.wipePayload(trx, p.previousCommandId);
        }
        await this.copies.saveCopy(trx, { ...base, content_digest: source.digest, status: 'pending', command_id: cmd.id, return_code: null });
        sent.push({ pin: p.facts.pin, kind: p.facts.kind, slot: p.facts.slot, sourceDeviceId: p.sourceId, commandId: cmd.id, attempt: p.attempts, reason: p.reason });
      }
      if (sent.length > 0 || unsupported > 0) {
        await this.audit.record(trx, ACTOR, {
          action: 'device.templates_copied',
          entity: 'device',
          entityId: target.id,
          companyId: target.company_id,
          after: { siteId: target.site_id, copies: sent.length, unsupported, templates: sent },
        });
      }
      return { queued: sent.length, unsupported };
    });
    if (out.queued > 0) this.gateway.commandsQueued(target.serial_number);
    return out;
  }

  private retryDue(row: TemplateCopyRow, commands: Map<number, { status: string; sent_at_ms: number | null }>, now: number): boolean {
    if (row.attempts >= MAX_PUSH_ATTEMPTS) return false;
    if (row.status === 'failed') return row.return_code !== null && RETRIABLE_RETURN_CODES.has(row.return_code);
    if (row.status !== 'pending' || row.command_id === null) return false;
    const cmd = commands.get(row.command_id);
    // The command vanished or was delivered and never answered.
    return !cmd || (cmd.status === 'sent' && cmd.sent_at_ms !== null && now - cmd.sent_at_ms >= PUSH_ACK_TIMEOUT_MS);
  }
}
