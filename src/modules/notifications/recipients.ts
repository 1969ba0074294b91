/**
 * Who a notification reaches and how: each person's primary channel among those they can be
 * reached on (a platform identity on the company's connector with an app agent, or an e-mail
 * address when SMTP is set up), their language, what they muted and how a manager takes digests.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { reasonLocaleOf } from '../../shared/reasons/render.js';
import { choosePersonChannel, PERSON_CHANNELS, type PersonChannel } from './channel-choice.js';
import type { Locale } from './messages.js';
import type { ConnectorRef, NotificationsRepo, Person } from './notifications.repo.js';
import type { NotificationSettings } from './settings.js';

export type Address =
  | { channel: 'dingtalk' | 'wecom'; connectorId: number; externalId: string }
  | { channel: 'email'; email: string }
  /** The company's signed webhook: the message goes there with who it is for, and the receiver relays it. */
  | { channel: 'webhook'; endpointId: number; employeeId: number; employeeNo: string; name: string; email: string | null };
export type DigestMode = 'immediate' | 'daily' | 'weekly';

export interface Recipient {
  employeeId: number;
  name: string;
  departmentId: number | null;
  managerId: number | null;
  locale: Locale;
  /** Null: reachable on no channel (reported in the log, not guessed). */
  address: Address | null;
  muted: Set<string>;
  digest: DigestMode;
}

/** The connector each platform's messages go through: the configured one, else the first usable with an app agent. */
export function platformConnectors(s: NotificationSettings, connectors: ConnectorRef[]): Partial<Record<'dingtalk' | 'wecom', ConnectorRef>> {
  const pick = (platform: 'dingtalk' | 'wecom', id: number | null) =>
    id !== null ? connectors.find((c) => c.id === id && c.platform === platform && c.usable) : connectors.find((c) => c.platform === platform && c.usable && c.hasAgent);
  const out: Partial<Record<'dingtalk' | 'wecom', ConnectorRef>> = {};
  const d = pick('dingtalk', s.dingtalkConnectorId);
  const w = pick('wecom', s.wecomConnectorId);
  if (d?.hasAgent) out.dingtalk = d;
  if (w?.hasAgent) out.wecom = w;
  return out;
}

/**
 * `webhookOn`: the company's notification endpoint exists and is enabled (a disabled one falls
 * back to the other channels instead of failing every message).
 */
export function addressOf(p: Person, own: PersonChannel | null, s: NotificationSettings, platforms: Partial<Record<'dingtalk' | 'wecom', ConnectorRef>>, webhookOn = false): Address | null {
  const addresses = new Map<PersonChannel, Address>();
  for (const platform of ['dingtalk', 'wecom'] as const) {
    const c = platforms[platform];
    const link = c && p.identities.find((i) => i.provider === platform && i.tenant === c.corpId);
    if (c && link) addresses.set(platform, { channel: platform, connectorId: c.id, externalId: link.externalId });
  }
  if (s.hasSmtp && p.email) addresses.set('email', { channel: 'email', email: p.email });
  if (webhookOn && s.webhookEndpointId !== null) addresses.set('webhook', { channel: 'webhook', endpointId: s.webhookEndpointId, employeeId: p.id, employeeNo: p.employeeNo, name: p.name, email: p.email });
  const chosen = choosePersonChannel(new Set(addresses.keys()), own, s.defaultChannel);
  return chosen ? addresses.get(chosen)! : null;
}

export async function loadRecipients(
  repo: NotificationsRepo,
  s: NotificationSettings,
  ids: number[],
  exec: Kysely<DB> | Transaction<DB>,
  cached?: { connectors?: ConnectorRef[]; webhookOn?: boolean },
): Promise<Map<number, Recipient>> {
  const out = new Map<number, Recipient>();
  if (!ids.length) return out;
  const [people, prefs, connectors, webhookOn] = await Promise.all([
    repo.people(s.companyId, ids, exec),
    repo.preferences(ids, exec),
    cached?.connectors ?? repo.connectors(s.companyId, exec),
    cached?.webhookOn ?? repo.notificationEndpointOn(s, exec),
  ]);
  const platforms = platformConnectors(s, connectors);
  const prefOf = new Map(prefs.map((p) => [Number(p.employee_id), p]));
  for (const p of people.values()) {
    if (!p.active) continue;
    const pref = prefOf.get(p.id);
    const own = pref?.channel && (PERSON_CHANNELS as readonly string[]).includes(pref.channel) ? (pref.channel as PersonChannel) : null;
    out.set(p.id, {
      employeeId: p.id,
      name: p.name,
      departmentId: p.departmentId,
      managerId: p.managerId,
      locale: reasonLocaleOf(pref?.locale ?? p.userLocale),
      address: addressOf(p, own, s, platforms, webhookOn),
      muted: new Set(pref ? (JSON.parse(pref.muted) as string[]) : []),
      digest: (pref?.manager_digest as DigestMode | null) ?? 'immediate',
    });
  }
  return out;
}

/**
 * The manager of each employee: their own manager, else the manager of their department or the
 * nearest department above with a manager other than themselves.
 */
export async function managersOf(repo: NotificationsRepo, companyId: number, people: { employeeId: number; departmentId: number | null; managerId: number | null }[], exec: Kysely<DB> | Transaction<DB>): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  const depts = new Map((await repo.departments(companyId, exec)).map((d) => [Number(d.id), d]));
  for (const p of people) {
    if (p.managerId !== null && p.managerId !== p.employeeId) {
      out.set(p.employeeId, p.managerId);
      continue;
    }
    let d = p.departmentId === null ? undefined : depts.get(p.departmentId);
    for (let hops = 0; d && hops < 64; hops++) {
      if (d.manager_employee_id !== null && d.manager_employee_id !== p.employeeId) {
        out.set(p.employeeId, d.manager_employee_id);
        break;
      }
      d = d.parent_id === null ? undefined : depts.get(d.parent_id);
    }
  }
  return out;
}

export async function departmentNames(repo: NotificationsRepo, companyId: number): Promise<Map<number, string>> {
  return new Map((await repo.departments(companyId)).map((d) => [Number(d.id), d.name]));
}
