import { useEffect, useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap, type RequestJson } from '../../api/typed';
import { errorText } from '../../api/errors';
import type { Id } from '../../api/types';
import { EmployeeSelect } from '../../components/EmployeeSelect';
import type { CommandKind, Device } from './types';

interface CommandForm {
  scope?: 'all' | 'some' | 'pins';
  employeeIds?: Id[];
  pins?: string;
  range?: [Dayjs, Dayjs];
}

/** Queues one command for a device; it is sent on the device's next poll. */
export function CommandModal({ device, kind, onClose, onQueued }: { device: Device | null; kind: CommandKind | null; onClose(): void; onQueued(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CommandForm>();
  const scope = Form.useWatch('scope', form);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const open = device !== null && kind !== null;

  useEffect(() => {
    if (open) setError(null);
  }, [open]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !device || !kind) return;
    const body: RequestJson<'/api/v1/devices/{id}/commands', 'post'> = { kind };
    if ((kind === 'sync_users' || kind === 'delete_user') && v.scope === 'some') body.employeeIds = v.employeeIds;
    if (kind === 'delete_user' && v.scope === 'pins') body.pins = (v.pins ?? '').split(/[\s,，]+/).filter(Boolean);
    if (kind === 'query_attlog' && v.range) {
      body.from = v.range[0].format('YYYY-MM-DD HH:mm:ss');
      body.to = v.range[1].format('YYYY-MM-DD HH:mm:ss');
    }
    setSaving(true);
    setError(null);
    try {
      const r = await unwrap(apiClient.POST('/api/v1/devices/{id}/commands', { params: { path: { id: device.id } }, body }));
      message.success(t('devices.commandQueued', { n: r.items.length }));
      onQueued();
      onClose();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setSaving(false);
    }
  };

  const pending = device?.companyId === null;
  return (
    <Modal
      open={open}
      title={kind ? t(`devices.commands.${kind}`) : ''}
      okText={t('devices.sendCommand')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{kind ? t(`devices.commandHints.${kind}`, { zone: device?.timeZone ?? '' }) : ''}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ scope: kind === 'delete_user' && pending ? 'pins' : 'all' }}>
        {(kind === 'sync_users' || kind === 'delete_user') && (
          <Form.Item name="scope" label={t('devices.commandScope')}>
            <Radio.Group
              options={[
                ...(pending ? [] : [{ value: 'all', label: kind === 'sync_users' ? t('devices.scopeAllActive') : t('devices.scopeAllLeavers') }]),
                ...(pending ? [] : [{ value: 'some', label: t('devices.scopeSome') }]),
                ...(kind === 'delete_user' ? [{ value: 'pins', label: t('devices.scopePins') }] : []),
              ]}
            />
          </Form.Item>
        )}
        {scope === 'some' && (kind === 'sync_users' || kind === 'delete_user') && (
          <Form.Item name="employeeIds" label={t('devices.employees')} rules={[{ required: true }]}>
            <EmployeeSelect companyId={device?.companyId ?? null} mode="multiple" />
          </Form.Item>
        )}
        {scope === 'pins' && kind === 'delete_user' && (
          <Form.Item name="pins" label={t('devices.pins')} extra={t('devices.pinsHint')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
        )}
        {kind === 'query_attlog' && (
          <Form.Item name="range" label={t('devices.queryRange')} extra={t('devices.queryRangeHint', { zone: device?.timeZone ?? '' })} rules={[{ required: true }]}>
            <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
