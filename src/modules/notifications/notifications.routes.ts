import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf } from '../../http/request-actor.js';
import { CompanyQuery, DeliveryLog, DeliveryLogQuery, MyPreferences, MyPreferencesPut, NotificationSettingsPut, NotificationSettingsView, PreviewBody, PreviewResult } from './notifications.schemas.js';
import type { NotificationsService } from './notifications.service.js';

export const notificationsRoutes: FastifyPluginAsyncTypebox<{ notifications: NotificationsService }> = async (app, { notifications }) => {
  const tags = ['notifications'];
  app.get('/notifications', { schema: { tags, querystring: DeliveryLogQuery, response: { 200: DeliveryLog } } }, async (req) => notifications.log(actorOf(req), req.query));
  app.get('/notifications/settings', { schema: { tags, querystring: CompanyQuery, response: { 200: NotificationSettingsView } } }, async (req) => notifications.getSettings(actorOf(req), req.query.companyId));
  app.put('/notifications/settings', { schema: { tags, body: NotificationSettingsPut, response: { 200: NotificationSettingsView } } }, async (req) => notifications.putSettings(actorOf(req), req.body));
  app.get('/notifications/preferences/me', { schema: { tags, response: { 200: MyPreferences } } }, async (req) => notifications.myPreferences(actorOf(req)));
  app.put('/notifications/preferences/me', { schema: { tags, body: MyPreferencesPut, response: { 200: MyPreferences } } }, async (req) => notifications.putMyPreferences(actorOf(req), req.body));
  app.post('/notifications/preview', { schema: { tags, body: PreviewBody, response: { 200: PreviewResult } } }, async (req) => notifications.preview(actorOf(req), req.body));
};
