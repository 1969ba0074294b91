import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/request-actor.js';
import {
  CompanyQuery,
  DeliveryLog,
  DeliveryLogQuery,
  MyPreferences,
  MyPreferencesPut,
  NotificationSettingsPut,
  NotificationSettingsView,
  PreviewBody,
  PreviewResult,
  TemplateList,
  TemplateParams,
  TemplatePreview,
  TemplatePreviewBody,
  TemplateText,
  TemplateView,
} from './notifications.schemas.js';
import type { NotificationsService } from './notifications.service.js';

export const notificationsRoutes: FastifyPluginAsyncTypebox<{ notifications: NotificationsService }> = async (app, { notifications }) => {
  const tags = ['notifications'];
  app.get('/notifications', { schema: { tags, querystring: DeliveryLogQuery, response: { 200: DeliveryLog } } }, async (req) => notifications.log(actorOf(req), req.query));
  // The rules of a company (channels, kinds, quiet hours, caps, reminder minutes with per-group overrides, operations thresholds).
  app.get('/notification-rules', { schema: { tags, querystring: CompanyQuery, response: { 200: NotificationSettingsView } } }, async (req) => notifications.getSettings(actorOf(req), req.query.companyId));
  app.put('/notification-rules', { schema: { tags, body: NotificationSettingsPut, response: { 200: NotificationSettingsView } } }, async (req) => notifications.putSettings(actorOf(req), req.body));
  // The earlier name of the same resource, kept for clients written against it.
  const old = { tags, deprecated: true, description: 'Deprecated: use /notification-rules (same request and answer).' };
  app.get('/notifications/settings', { schema: { ...old, querystring: CompanyQuery, response: { 200: NotificationSettingsView } } }, async (req) => notifications.getSettings(actorOf(req), req.query.companyId));
  app.put('/notifications/settings', { schema: { ...old, body: NotificationSettingsPut, response: { 200: NotificationSettingsView } } }, async (req) => notifications.putSettings(actorOf(req), req.body));
  app.get('/notifications/preferences/me', { schema: { tags, response: { 200: MyPreferences } } }, async (req) => notifications.myPreferences(actorOf(req)));
  app.put('/notifications/preferences/me', { schema: { tags, body: MyPreferencesPut, response: { 200: MyPreferences } } }, async (req) => notifications.putMyPreferences(actorOf(req), req.body));
  app.post('/notifications/preview', { schema: { tags, body: PreviewBody, response: { 200: PreviewResult } } }, async (req) => notifications.preview(actorOf(req), req.body));

  const templates = notifications.templates;
  app.get('/notification-templates', { schema: { tags, querystring: CompanyQuery, response: { 200: TemplateList } } }, async (req) => templates.list(actorOf(req), req.query.companyId));
  app.put('/notification-templates/:kind/:locale', { schema: { tags, params: TemplateParams, body: TemplateText, response: { 200: TemplateView } } }, async (req) =>
    templates.save(actorOf(req), req.params.kind, req.params.locale, req.body),
  );
  app.delete('/notification-templates/:kind/:locale', { schema: { tags, params: TemplateParams, querystring: CompanyQuery, response: { 200: TemplateView }, description: 'Back to the built-in default' } }, async (req) =>
    templates.reset(actorOf(req), req.params.kind, req.params.locale, req.query.companyId),
  );
  app.post('/notification-templates/preview', { schema: { tags, body: TemplatePreviewBody, response: { 200: TemplatePreview } } }, async (req) => templates.preview(actorOf(req), req.body));
};
