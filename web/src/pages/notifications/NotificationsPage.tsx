import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Table, Tabs, Tag, TimePicker } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap } from '../../api/typed';
import { errorText } from '../../api/errors';
import { useCompany } from '../../app/CompanyContext';
import { PageContainer } from '../../components/PageContainer';
import { NOTICE_KINDS, PERSON_CHANNELS, type DeliveryLog, type NotificationSettings, type NotificationSettingsPut } from './types';
import { TemplatesPanel } from './TemplatesPanel';

interface SettingsForm {
  enabled: boolean;
  defaultChannel: NotificationSettings['defaultChannel'];
  kinds: NotificationSettings['kinds'];
  quiet: boolean;
  quietStart?: Dayjs;
  quietEnd?: Dayjs;
  dailyCap: number;
  digestAt: Dayjs;
  requestReminderHours: number;
  remindInBeforeMin: number;
  remindOutAfterMin: number;
  webhookEndpointId: number | null;
  groupReminders: NotificationSettings['groupReminders'];
  ops: NotificationSettings['ops'];
  smtpOn: boolean;
  smtp?: { host?: string; port?: number; secure?: boolean; user?: string; password?: string; from?: string };
}

const hm = (s: string) => dayjs(`2000-01-01T${s}:00`);
const STATUS_COLOR: Record<string, string> = { delivered: 'green', skipped: 'default', pending: 'blue', dead: 'red', cancelled: 'default' };

/** 通知: the rules (which notifications a company sends, how, when; SMTP; webhook; operations), the templates and the delivery log. */
export default function NotificationsPage() {
  const { t } = useTranslation();
  const { companyId } = useCompany();
  const { message } = App.useApp();
  const [form] = Form.useForm<SettingsForm>();
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [log, setLog] = useState<DeliveryLog['items']>([]);
  const [saving, setSaving] = useState(false);
  const [endpoints, setEndpoints] = useState<{ id: number; url: string }[]>([]);
  const [groups, setGroups] = useState<{ id: number; name: string }[]>([]);

  const load = useCallback(async () => {
    if (!companyId) return;
    const company = Number(companyId);
    const s = await unwrap(apiClient.GET('/api/v1/notification-rules', { params: { query: { companyId: company } } }));
    setSettings(s);
    const [eps, gs] = await Promise.all([
      unwrap(apiClient.GET('/api/v1/webhooks', { params: { query: { companyId: company, pageSize: 200 } } })),
      unwrap(apiClient.GET('/api/v1/attendance-groups', { params: { query: { companyId: company } } })),
    ]);
    setEndpoints(eps.items.filter((e) => e.purpose === 'notifications' && e.enabled).map((e) => ({ id: e.id, url: e.url ?? '' })));
    setGroups(gs.items.map((g) => ({ id: g.id, name: g.name })));
    form.setFieldsValue({
      enabled: s.enabled, defaultChannel: s.defaultChannel, kinds: s.kinds, quiet: s.quietHours !== null,
      quietStart: s.quietHours ? hm(s.quietHours.start) : hm('22:00'), quietEnd: s.quietHours ? hm(s.quietHours.end) : hm('08:00'),
      dailyCap: s.dailyCap, digestAt: hm(s.digestAt), requestReminderHours: s.requestReminderHours, remindInBeforeMin: s.remindInBeforeMin, remindOutAfterMin: s.remindOutAfterMin,
      webhookEndpointId: s.webhookEndpointId, groupReminders: s.groupReminders, ops: s.ops,
      smtpOn: s.smtp !== null, smtp: s.smtp ? { host: s.smtp.host, port: s.smtp.port, secure: s.smtp.secure, user: s.smtp.user ?? undefined, from: s.smtp.from } : { port: 465, secure: true },
    });
    setLog((await unwrap(apiClient.GET('/api/v1/notifications', { params: { query: { companyId: company, limit: 50 } } }))).items);
  }, [companyId, form]);

  useEffect(() => {
    load().catch((e) => message.error(errorText(t, e)));
  }, [load, message, t]);

  const save = async (v: SettingsForm) => {
    if (!companyId) return;
    setSaving(true);
    try {
      const smtp = v.smtpOn && v.smtp?.host && v.smtp.from && v.smtp.port
        ? { host: v.smtp.host, port: v.smtp.port, secure: !!v.smtp.secure, user: v.smtp.user || null, from: v.smtp.from, ...(v.smtp.password ? { password: v.smtp.password } : {}) }
        : null;
      const body: NotificationSettingsPut = {
        companyId: Number(companyId), enabled: v.enabled, defaultChannel: v.defaultChannel, kinds: v.kinds,
        quietHours: v.quiet && v.quietStart && v.quietEnd ? { start: v.quietStart.format('HH:mm'), end: v.quietEnd.format('HH:mm') } : null,
        dailyCap: v.dailyCap, digestAt: v.digestAt.format('HH:mm'), requestReminderHours: v.requestReminderHours, remindInBeforeMin: v.remindInBeforeMin, remindOutAfterMin: v.remindOutAfterMin,
        webhookEndpointId: v.webhookEndpointId ?? null, groupReminders: v.groupReminders ?? [], ops: v.ops,
        ...(v.smtpOn ? (smtp ? { smtp } : {}) : { smtp: null }),
      };
      setSettings(await unwrap(apiClient.PUT('/api/v1/notification-rules', { body })));
      message.success(t('notifications.saved'));
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };

  const smtpOn = Form.useWatch('smtpOn', form);
  const quiet = Form.useWatch('quiet', form);
  const rules = (
    <Card variant="borderless">
      <Form form={form} layout="vertical" onFinish={save} disabled={!settings}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="enabled" label={t('notifications.enabled')} valuePropName="checked"><Switch /></Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="defaultChannel" label={t('notifications.defaultChannel')}>
              <Select options={PERSON_CHANNELS.map((c) => ({ value: c, label: t(`notifications.channel.${c}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="dailyCap" label={t('notifications.dailyCap')}><InputNumber min={1} max={500} style={{ width: '100%' }} /></Form.Item>
          </Col>
        </Row>
        <Form.Item name="kinds" label={t('notifications.kinds')}>
          <Checkbox.Group options={NOTICE_KINDS.map((k) => ({ value: k, label: t(`notifications.kind.${k}`) }))} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12} md={6}><Form.Item name="remindInBeforeMin" label={t('notifications.remindInBefore')}><InputNumber min={0} max={240} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="remindOutAfterMin" label={t('notifications.remindOutAfter')}><InputNumber min={0} max={240} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="digestAt" label={t('notifications.digestAt')}><TimePicker format="HH:mm" allowClear={false} style={{ width: '100%' }} /></Form.Item></Col>
          <Col xs={12} md={6}><Form.Item name="requestReminderHours" label={t('notifications.requestReminderHours')}><InputNumber min={1} max={720} style={{ width: '100%' }} /></Form.Item></Col>
        </Row>
        <Space wrap align="end">
          <Form.Item name="quiet" label={t('notifications.quietHours')} valuePropName="checked"><Switch /></Form.Item>
          {quiet && <Form.Item name="quietStart"><TimePicker format="HH:mm" allowClear={false} /></Form.Item>}
          {quiet && <Form.Item name="quietEnd"><TimePicker format="HH:mm" allowClear={false} /></Form.Item>}
        </Space>
        <Form.Item label={t('notifications.groupReminders')}>
          <Form.List name="groupReminders">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((f) => (
                  <Space key={f.key} wrap align="start">
                    <Form.Item name={[f.name, 'groupId']} rules={[{ required: true }]} noStyle>
                      <Select style={{ minWidth: 160 }} placeholder={t('notifications.group')} options={groups.map((g) => ({ value: g.id, label: g.name }))} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'inBeforeMin']} noStyle><InputNumber min={0} max={240} addonBefore={t('notifications.remindInBefore')} /></Form.Item>
                    <Form.Item name={[f.name, 'outAfterMin']} noStyle><InputNumber min={0} max={240} addonBefore={t('notifications.remindOutAfter')} /></Form.Item>
                    <Form.Item name={[f.name, 'enabled']} valuePropName="checked" noStyle><Switch checkedChildren={t('notifications.groupEnabled')} unCheckedChildren={t('notifications.groupEnabled')} /></Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="remove" />
                  </Space>
                ))}
                <Button onClick={() => add({ inBeforeMin: settings?.remindInBeforeMin ?? 10, outAfterMin: settings?.remindOutAfterMin ?? 5, enabled: true })}>{t('notifications.addGroup')}</Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="webhookEndpointId" label={t('notifications.webhookEndpoint')} extra={t('notifications.webhookEndpointHelp')}>
          <Select allowClear placeholder={t('notifications.webhookEndpointNone')} options={endpoints.map((e) => ({ value: e.id, label: e.url }))} />
        </Form.Item>
        <Form.Item label={t('notifications.ops')} style={{ marginBottom: 0 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}><Form.Item name={['ops', 'clockSkewMin']} label={t('notifications.opsClockSkew')}><InputNumber min={1} max={1440} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name={['ops', 'gapHours']} label={t('notifications.opsGapHours')}><InputNumber min={1} max={168} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name={['ops', 'monthCloseDays']} label={t('notifications.opsMonthCloseDays')}><InputNumber min={1} max={28} style={{ width: '100%' }} /></Form.Item></Col>
          </Row>
        </Form.Item>
        <Form.Item name="smtpOn" label={t('notifications.smtp')} valuePropName="checked"><Switch /></Form.Item>
        {smtpOn && (
          <Row gutter={16}>
            <Col xs={24} md={8}><Form.Item name={['smtp', 'host']} label={t('notifications.smtpHost')} rules={[{ required: true }]}><Input maxLength={253} /></Form.Item></Col>
            <Col xs={12} md={4}><Form.Item name={['smtp', 'port']} label={t('notifications.smtpPort')} rules={[{ required: true }]}><InputNumber min={1} max={65535} style={{ width: '100%' }} /></Form.Item></Col>
            <Col xs={12} md={4}><Form.Item name={['smtp', 'secure']} label="TLS" valuePropName="checked"><Switch /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name={['smtp', 'from']} label={t('notifications.smtpFrom')} rules={[{ required: true }]}><Input maxLength={254} /></Form.Item></Col>
            <Col xs={24} md={8}><Form.Item name={['smtp', 'user']} label={t('notifications.smtpUser')}><Input maxLength={200} autoComplete="off" /></Form.Item></Col>
            <Col xs={24} md={8}>
              <Form.Item name={['smtp', 'password']} label={t('notifications.smtpPassword')} extra={settings?.smtp?.hasPassword ? t('notifications.smtpPasswordKept') : undefined}>
                <Input.Password maxLength={200} autoComplete="new-password" />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Button type="primary" htmlType="submit" loading={saving}>{t('notifications.save')}</Button>
      </Form>
    </Card>
  );
  const logCard = (
    <Card variant="borderless" title={t('notifications.log')}>
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        dataSource={log}
        pagination={false}
        columns={[
          { title: t('notifications.col.createdAt'), dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('MM-DD HH:mm') },
          { title: t('notifications.col.kind'), dataIndex: 'kind', render: (k: string) => t(`notifications.kind.${k}`, { defaultValue: k }) },
          { title: t('notifications.col.title'), dataIndex: 'title' },
          { title: t('notifications.col.channel'), dataIndex: 'channel', render: (c: string | null) => (c ? t(`notifications.channel.${c}`) : '—') },
          { title: t('notifications.col.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`notifications.status.${s}`)}</Tag> },
          { title: t('notifications.col.attempts'), dataIndex: 'attempts' },
          { title: t('notifications.col.error'), dataIndex: 'lastError' },
        ]}
      />
    </Card>
  );
  return (
    <PageContainer title={t('menu.notifications')}>
      <Tabs
        items={[
          { key: 'rules', label: t('notifications.tabs.rules'), children: rules },
          { key: 'templates', label: t('notifications.tabs.templates'), children: companyId ? <TemplatesPanel companyId={Number(companyId)} /> : null },
          { key: 'log', label: t('notifications.tabs.log'), children: logCard },
        ]}
      />
    </PageContainer>
  );
}
