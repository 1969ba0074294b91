import { useEffect, useState } from 'react';
import { Alert, Checkbox, Form, Input, Modal, Result, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiClient, fetchAllOf, unwrap } from '../../api/typed';
import { applyFieldErrors, errorText, fieldProblems } from '../../api/errors';
import type { Company, Id, Site } from '../../api/types';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import type { Device } from './types';
import { RunFooter } from '../../components/RunFooter';

/** Gives a pending device to a company (and site); its held punches are ingested. */
export function ApproveModal({ device, companies, defaultCompanyId, onClose, onDone }: { device: Device | null; companies: Company[]; defaultCompanyId: Id | null; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ companyId: Id; siteId?: Id; name: string; timeZone?: string; lockToAddress?: boolean }>();
  const companyId = Form.useWatch('companyId', form);
  const [sites, setSites] = useState<Site[]>([]);
  const [result, setResult] = useState<{ moved: number; created: number; duplicates: number; unmatched: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (device) {
      setResult(null);
      setError(null);
    }
  }, [device]);
  useEffect(() => {
    if (!companyId) return setSites([]);
    const c = new AbortController();
    fetchAllOf('/api/v1/sites', { query: { companyId } }, c.signal).then(setSites, () => setSites([]));
    return () => c.abort();
  }, [companyId]);

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !device) return;
    setSaving(true);
    setError(null);
    try {
      const r = await unwrap(
        apiClient.POST('/api/v1/devices/{id}/approve', {
          params: { path: { id: device.id } },
          body: {
            companyId: v.companyId,
            siteId: v.siteId ?? undefined,
            name: v.name?.trim() || undefined,
            timeZone: v.timeZone || undefined,
            ...(v.lockToAddress && device.lastIp ? { lockToAddress: true } : {}),
          },
        }),
      );
      setResult(r);
      onDone();
    } catch (err) {
      if (!fieldProblems(err).length || applyFieldErrors(form, err, t).length) setError(errorText(t, err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={device !== null}
      title={t('devices.approveTitle', { sn: device?.serialNumber ?? '' })}
      onCancel={onClose}
      destroyOnHidden
      footer={<RunFooter done={!!result} busy={saving} runLabel={t('devices.approve')} onRun={() => void submit()} onClose={onClose} />}
    >
      {result ? (
        <Result
          status="success"
          title={t('devices.approved')}
          subTitle={t('devices.approvedDetail', { moved: result.moved, created: result.created, duplicates: result.duplicates, unmatched: result.unmatched })}
        />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('devices.approveHint')}</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Form form={form} layout="vertical" preserve={false} initialValues={{ companyId: defaultCompanyId ?? undefined, name: device?.name }}>
            <Form.Item name="companyId" label={t('devices.company')} rules={[{ required: true }]}>
              <Select options={companies.map((c) => ({ value: c.id, label: c.name }))} onChange={() => form.setFieldValue('siteId', undefined)} />
            </Form.Item>
            <Form.Item name="siteId" label={t('devices.site')}>
              <Select allowClear options={sites.filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
            <Form.Item name="name" label={t('devices.name')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="timeZone" label={t('common.timeZone')} extra={t('devices.timeZoneInheritHint')}>
              <TimeZoneSelect />
            </Form.Item>
            {device?.lastIp && (
              <Form.Item name="lockToAddress" valuePropName="checked" extra={t('devices.lockToAddressHint')}>
                <Checkbox>{t('devices.lockToAddress', { ip: device.lastIp })}</Checkbox>
              </Form.Item>
            )}
          </Form>
        </>
      )}
    </Modal>
  );
}
