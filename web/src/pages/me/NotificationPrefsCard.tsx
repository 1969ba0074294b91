import { useEffect, useState } from 'react';
import { App, Button, Card, Checkbox, Form, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap } from '../../api/typed';
import { errorText } from '../../api/errors';
import { PERSON_CHANNELS, PERSONAL_KINDS, type MyNotificationPrefs, type MyNotificationPrefsPut } from '../notifications/types';

/** 我的通知: the channel a person is told on, their message language, digests (managers) and what they mute. */
export function NotificationPrefsCard({ manager }: { manager: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [prefs, setPrefs] = useState<MyNotificationPrefs | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();

  useEffect(() => {
    unwrap(apiClient.GET('/api/v1/notifications/preferences/me')).then(
      (p) => {
        setPrefs(p);
        form.setFieldsValue({ channel: p.channel ?? 'auto', locale: p.locale ?? 'auto', managerDigest: p.managerDigest, muted: p.muted });
      },
      () => setPrefs(null),
    );
  }, [form]);

  if (!prefs) return null;
  const save = async (v: { channel: NonNullable<MyNotificationPrefsPut['channel']> | 'auto'; locale: NonNullable<MyNotificationPrefsPut['locale']> | 'auto'; managerDigest: MyNotificationPrefs['managerDigest']; muted: MyNotificationPrefs['muted'] }) => {
    setSaving(true);
    try {
      const body: MyNotificationPrefsPut = { channel: v.channel === 'auto' ? null : v.channel, locale: v.locale === 'auto' ? null : v.locale, muted: v.muted, ...(manager ? { managerDigest: v.managerDigest } : {}) };
      setPrefs(await unwrap(apiClient.PUT('/api/v1/notifications/preferences/me', { body })));
      message.success(t('notifications.saved'));
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card variant="borderless" title={t('notifications.mine')}>
      <Typography.Paragraph type="secondary">
        {prefs.effectiveChannel ? t('notifications.reachedOn', { channel: t(`notifications.channel.${prefs.effectiveChannel}`) }) : t('notifications.unreachable')}
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="channel" label={t('notifications.channelLabel')}>
          <Select
            options={[
              { value: 'auto', label: t('notifications.channelAuto') },
              ...PERSON_CHANNELS.map((c) => ({ value: c, label: t(`notifications.channel.${c}`), disabled: !prefs.reachable.includes(c) })),
            ]}
          />
        </Form.Item>
        <Form.Item name="locale" label={t('notifications.localeLabel')}>
          <Select options={[{ value: 'auto', label: t('notifications.localeAuto') }, { value: 'zh-CN', label: '中文' }, { value: 'en', label: 'English' }]} />
        </Form.Item>
        {manager && (
          <Form.Item name="managerDigest" label={t('notifications.digestLabel')}>
            <Select options={(['immediate', 'daily', 'weekly'] as const).map((d) => ({ value: d, label: t(`notifications.digest.${d}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="muted" label={t('notifications.mutedLabel')}>
          <Checkbox.Group style={{ display: 'flex', flexDirection: 'column', gap: 4 }} options={PERSONAL_KINDS.map((k) => ({ value: k, label: t(`notifications.kind.${k}`) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={saving}>
          {t('notifications.save')}
        </Button>
      </Form>
    </Card>
  );
}
