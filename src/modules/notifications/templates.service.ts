/**
 * HR's notification templates: list (the company's own and the defaults), save (validated: only
 * the kind's variables, well-formed sections), reset to the default, preview with sample or real
 * data. Every change is audited. Companies' template sets are cached and dropped on change.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { badRequest } from '../../shared/errors.js';
import type { AuditRepo } from '../audit/audit.repo.js';
import type { AccessPolicy } from '../auth/access.js';
import type { Actor } from '../auth/actor.js';
import { LOCALES, NOTICE_KINDS, renderWith, type Locale, type Notice, type NoticeKind } from './messages.js';
import type { NotificationsRepo } from './notifications.repo.js';
import type { TemplatePreviewBodyT, TemplateTextT } from './notifications.schemas.js';
import { sampleNotice } from './template-samples.js';
import { DEFAULT_TEMPLATES, TEMPLATE_VARIABLES, templateFor, templateKey, templateProblem, type TemplateSet, type TemplateText } from './templates.js';

const CACHE_MS = 30_000;
const iso = (ms: number) => new Date(ms).toISOString();

export class NotificationTemplates {
  private cache = new Map<number, { set: TemplateSet; at: number }>();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly repo: NotificationsRepo,
    private readonly access: AccessPolicy,
    private readonly audit: AuditRepo,
    private readonly publicUrl: string | null,
    private readonly now: () => number,
  ) {}

  /** The company's own templates (cached briefly: other instances' edits show within 30 s). */
  async setOf(companyId: number, exec?: Kysely<DB> | Transaction<DB>): Promise<TemplateSet> {
    const hit = this.cache.get(companyId);
    if (hit && this.now() - hit.at < CACHE_MS) return hit.set;
    const rows = await this.repo.templates(companyId, exec);
    const set: TemplateSet = new Map(rows.map((r) => [templateKey(r.kind as NoticeKind, r.locale as Locale), { title: r.title, body: r.body }]));
    this.cache.set(companyId, { set, at: this.now() });
    return set;
  }

  private assertHr(actor: Actor, companyId: number, mode: 'read' | 'write') {
    this.access.assertCompany(actor, companyId, mode, ['admin', 'hr']);
    this.access.assertRole(actor, ['admin', 'hr'], mode);
  }

  async list(actor: Actor, companyId: number) {
    this.assertHr(actor, companyId, 'read');
    const rows = new Map((await this.repo.templates(companyId)).map((r) => [templateKey(r.kind as NoticeKind, r.locale as Locale), r]));
    const items = NOTICE_KINDS.flatMap((kind) =>
      LOCALES.map((locale) => {
        const own = rows.get(templateKey(kind, locale));
        const def = DEFAULT_TEMPLATES[kind][locale];
        return { kind, locale, title: own?.title ?? def.title, body: own?.body ?? def.body, custom: own !== undefined, variables: [...TEMPLATE_VARIABLES[kind]], defaultTitle: def.title, defaultBody: def.body, updatedAt: own ? iso(Number(own.updated_at_ms)) : null };
      }),
    );
    return { items };
  }

  private check(kind: NoticeKind, t: TemplateText) {
    const p = templateProblem(kind, t);
    if (!p) return;
    if (p.code === 'TEMPLATE_UNKNOWN_VARIABLE') {
      throw badRequest(p.code, `{{${p.variable}}} is not a variable of ${kind}; it has: ${TEMPLATE_VARIABLES[kind].join(', ')}`, { field: `body.${p.field}`, variable: p.variable, allowed: [...TEMPLATE_VARIABLES[kind]] });
    }
    throw badRequest(p.code, p.message, { field: `body.${p.field}` });
  }

  async save(actor: Actor, kind: NoticeKind, locale: Locale, input: TemplateTextT) {
    this.assertHr(actor, input.companyId, 'write');
    const text = { title: input.title, body: input.body.replace(/\r\n/g, '\n') };
    this.check(kind, text);
    const own = await this.setOf(input.companyId, this.db);
    const before = templateFor(own, kind, locale);
    await this.db.transaction().execute(async (trx) => {
      await this.repo.saveTemplate(trx, { company_id: input.companyId, kind, locale, title: text.title, body: text.body, updated_by_user_id: actor.userId, updated_at_ms: this.now() });
      await this.audit.record(trx, actor, { action: 'notifications.template', entity: 'notification_template', entityId: input.companyId, companyId: input.companyId, before: { kind, locale, ...before }, after: { kind, locale, ...text } });
    });
    this.cache.delete(input.companyId);
    return (await this.list(actor, input.companyId)).items.find((i) => i.kind === kind && i.locale === locale)!;
  }

  async reset(actor: Actor, kind: NoticeKind, locale: Locale, companyId: number) {
    this.assertHr(actor, companyId, 'write');
    const before = templateFor(await this.setOf(companyId, this.db), kind, locale);
    await this.db.transaction().execute(async (trx) => {
      if (await this.repo.deleteTemplate(trx, companyId, kind, locale)) {
        await this.audit.record(trx, actor, { action: 'notifications.template_reset', entity: 'notification_template', entityId: companyId, companyId, before: { kind, locale, ...before }, after: { kind, locale, ...DEFAULT_TEMPLATES[kind][locale] } });
      }
    });
    this.cache.delete(companyId);
    return (await this.list(actor, companyId)).items.find((i) => i.kind === kind && i.locale === locale)!;
  }

  /** What a message of this kind says under a template (the one given, else the one in force), without sending. */
  async preview(actor: Actor, q: TemplatePreviewBodyT) {
    this.assertHr(actor, q.companyId, 'read');
    const current = templateFor(await this.setOf(q.companyId), q.kind, q.locale);
    const text = { title: q.title ?? current.title, body: (q.body ?? current.body).replace(/\r\n/g, '\n') };
    this.check(q.kind, text);
    let notice: Notice = sampleNotice(q.kind, this.publicUrl);
    let data: 'sample' | 'real' = 'sample';
    if (q.data === 'real') {
      const real = await this.repo.lastNoticeOf(q.companyId, q.kind);
      if (real && (real.notice as Notice).kind === q.kind) {
        notice = real.notice as Notice;
        data = 'real';
      }
    }
    const m = renderWith(text, notice, q.locale, '');
    return { title: m.title, markdown: m.markdown, link: notice.link, data };
  }
}
