import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Form, Input, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap } from '../../api/typed';
import { errorText } from '../../api/errors';
import type { NotificationTemplate, TemplatePreview } from './types';

type Key = Pick<NotificationTemplate, 'kind' | 'locale'>;
const same = (a: Key, b: Key) => a.kind === b.kind && a.locale === b.locale;

/** 消息模板: HR's wording of each notification kind per language, with its variables, a preview and reset. */
export function TemplatesPanel({ companyId }: { companyId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [items, setItems] = useState<NotificationTemplate[]>([]);
  const [editing, setEditing] = useState<NotificationTemplate | null>(null);
  const [data, setData] = useState<'sample' | 'real'>('sample');
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ title: string; body: string }>();

  const load = useCallback(async () => {
    setItems((await unwrap(apiClient.GET('/api/v1/notification-templates', { params: { query: { companyId } } }))).items);
  }, [companyId]);
  useEffect(() => {
    load().catch((e) => message.error(errorText(t, e)));
  }, [load, message, t]);

  const open = (tpl: NotificationTemplate) => {
    setEditing(tpl);
    setPreview(null);
    form.setFieldsValue({ title: tpl.title, body: tpl.body });
  };
  const replace = (tpl: NotificationTemplate) => {
    setItems((list) => list.map((i) => (same(i, tpl) ? tpl : i)));
    setEditing(tpl);
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      message.error(errorText(t, e));
    } finally {
      setBusy(false);
    }
  };
  const doPreview = (tpl: Key) =>
    run(async () => {
      const v = form.getFieldsValue();
      setPreview(await unwrap(apiClient.POST('/api/v1/notification-templates/preview', { body: { companyId, kind: tpl.kind, locale: tpl.locale, title: v.title, body: v.body ?? '', data } })));
    });
  const save = (tpl: Key) =>
    run(async () => {
      const v = form.getFieldsValue();
      replace(await unwrap(apiClient.PUT('/api/v1/notification-templates/{kind}/{locale}', { params: { path: { kind: tpl.kind, locale: tpl.locale } }, body: { companyId, title: v.title, body: v.body ?? '' } })));
      message.success(t('notifications.saved'));
    });
  const reset = (tpl: Key) =>
    run(async () => {
      const back = await unwrap(apiClient.DELETE('/api/v1/notification-templates/{kind}/{locale}', { params: { path: { kind: tpl.kind, locale: tpl.locale }, query: { companyId } } }));
      replace(back);
      form.setFieldsValue({ title: back.title, body: back.body });
      setPreview(null);
      message.success(t('notifications.tpl.resetDone'));
    });

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card variant="borderless">
        <Table
          rowKey={(r) => `${r.kind}:${r.locale}`}
          size="small"
          scroll={{ x: true }}
          pagination={false}
          dataSource={items}
          columns={[
            { title: t('notifications.tpl.kind'), dataIndex: 'kind', render: (k: string) => t(`notifications.kind.${k}`, { defaultValue: k }) },
            { title: t('notifications.tpl.locale'), dataIndex: 'locale', render: (l: string) => (l === 'zh-CN' ? '中文' : 'English') },
            { title: t('notifications.tpl.title'), dataIndex: 'title', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
            { title: '', dataIndex: 'custom', render: (c: boolean) => <Tag color={c ? 'blue' : 'default'}>{t(c ? 'notifications.tpl.custom' : 'notifications.tpl.default')}</Tag> },
            { title: '', key: 'edit', render: (_: unknown, r: NotificationTemplate) => <Button size="small" onClick={() => open(r)}>{t('notifications.tpl.edit')}</Button> },
          ]}
        />
      </Card>
      {editing && (
        <Card variant="borderless" title={`${t(`notifications.kind.${editing.kind}`)} · ${editing.locale === 'zh-CN' ? '中文' : 'English'}`}>
          <Form form={form} layout="vertical">
            <Form.Item name="title" label={t('notifications.tpl.title')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="body" label={t('notifications.tpl.body')}>
              <Input.TextArea maxLength={4000} autoSize={{ minRows: 3, maxRows: 12 }} />
            </Form.Item>
          </Form>
          <Typography.Paragraph type="secondary">{t('notifications.tpl.variablesHelp', { v: '{{date}}', s: '{{#comment}}…{{/comment}}' })}</Typography.Paragraph>
          <Space wrap size={[8, 8]} style={{ marginBottom: 16 }}>
            {editing.variables.map((v) => (
              <Tag key={v} title={t(`notifications.tpl.var.${v}`, { defaultValue: v })}>
                {`{{${v}}}`} {t(`notifications.tpl.var.${v}`, { defaultValue: '' })}
              </Tag>
            ))}
          </Space>
          <Space wrap>
            <Radio.Group value={data} onChange={(e) => setData(e.target.value)} optionType="button" options={[{ value: 'sample', label: t('notifications.tpl.previewSample') }, { value: 'real', label: t('notifications.tpl.previewReal') }]} />
            <Button onClick={() => doPreview(editing)} loading={busy}>{t('notifications.tpl.preview')}</Button>
            <Button type="primary" onClick={() => save(editing)} loading={busy}>{t('notifications.tpl.save')}</Button>
            <Popconfirm title={t('notifications.tpl.reset')} onConfirm={() => reset(editing)}>
              <Button danger disabled={!editing.custom}>{t('notifications.tpl.reset')}</Button>
            </Popconfirm>
          </Space>
          {preview && (
            <Card size="small" style={{ marginTop: 16 }} title={preview.title}>
              <Typography.Paragraph type="secondary">{t('notifications.tpl.previewUsing', { data: t(preview.data === 'real' ? 'notifications.tpl.previewReal' : 'notifications.tpl.previewSample') })}</Typography.Paragraph>
              <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', margin: 0 }}>{preview.markdown}</pre>
            </Card>
          )}
        </Card>
      )}
    </Space>
  );
}
