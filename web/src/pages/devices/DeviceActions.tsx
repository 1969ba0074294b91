import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Descriptions, Form, Input, Modal, Radio, Result, Select, Space, Steps, Table, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { apiClient, fetchAllOf, unwrap, type RequestJson } from '../../api/typed';
import { applyFieldErrors, errorText, fieldProblems } from '../../api/errors';
import type { Company, Id, Site } from '../../api/types';
import { EmployeeSelect } from '../../components/EmployeeSelect';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import type { CommandKind, Device, DeviceImportResult } from './types';
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

const readBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });

/** Punches from a USB download (attlog.dat, CSV, XLSX): check first, then import. */
export function ImportModal({ device, onClose, onImported }: { device: Device | null; onClose(): void; onImported(): void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<{ name: string; content: string } | null>(null);
  const [check, setCheck] = useState<DeviceImportResult | null>(null);
  const [done, setDone] = useState<DeviceImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (device) {
      setFile(null);
      setCheck(null);
      setDone(null);
      setError(null);
    }
  }, [device]);

  const run = async (dryRun: boolean, f = file) => {
    if (!device || !f) return;
    setBusy(true);
    setError(null);
    try {
      const r = await unwrap(apiClient.POST('/api/v1/devices/{id}/import', { params: { path: { id: device.id }, query: { dryRun } }, body: { filename: f.name, contentBase64: f.content } }));
      if (dryRun) setCheck(r);
      else {
        setDone(r);
        onImported();
      }
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const step = done ? 2 : check ? 1 : 0;
  return (
    <Modal
      open={device !== null}
      width={760}
      title={t('devices.importTitle', { name: device?.name ?? '' })}
      onCancel={onClose}
      destroyOnHidden
      footer={
        done ? (
          <Button type="primary" onClick={onClose}>
            {t('common.close')}
          </Button>
        ) : check ? (
          <Space>
            <Button
              onClick={() => {
                setFile(null);
                setCheck(null);
              }}
            >
              {t('devices.importOtherFile')}
            </Button>
            <Button type="primary" loading={busy} disabled={check.valid === 0} onClick={() => void run(false)}>
              {t('devices.importConfirm', { n: check.valid })}
            </Button>
          </Space>
        ) : (
          <Button onClick={onClose}>{t('common.cancel')}</Button>
        )
      }
    >
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[{ title: t('devices.importStepFile') }, { title: t('devices.importStepCheck') }, { title: t('devices.importStepDone') }]}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {step === 0 && (
        <Upload.Dragger
          accept=".dat,.txt,.csv,.xlsx"
          showUploadList={false}
          disabled={busy}
          beforeUpload={(f) => {
            void readBase64(f).then(
              (content) => {
                const next = { name: f.name, content };
                setFile(next);
                void run(true, next);
              },
              (err: unknown) => setError(errorText(t, err)),
            );
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{busy ? t('common.loading') : t('devices.importDrop')}</p>
          <p className="ant-upload-hint">{t('devices.importHint')}</p>
        </Upload.Dragger>
      )}
      {step === 1 && check && (
        <>
          <Descriptions size="small" bordered column={4} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('devices.importFile')}>{file?.name}</Descriptions.Item>
            <Descriptions.Item label={t('devices.importFormat')}>{check.format}</Descriptions.Item>
            <Descriptions.Item label={t('devices.importValid')}>{check.valid}</Descriptions.Item>
            <Descriptions.Item label={t('devices.importProblems')}>
              <Typography.Text type={check.problems.length ? 'danger' : undefined}>{check.problems.length}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          {check.problems.length ? (
            <>
              <Alert type="warning" showIcon title={t('devices.importProblemsHint')} style={{ marginBottom: 12 }} />
              <Table
                rowKey={(p) => `${p.line}-${p.column ?? ''}-${p.message}`}
                size="small"
                dataSource={check.problems}
                pagination={check.problems.length > 8 ? { pageSize: 8, size: 'small' } : false}
                columns={[
                  { title: t('devices.importLine'), dataIndex: 'line', width: 80 },
                  { title: t('devices.importColumn'), dataIndex: 'column', width: 120 },
                  { title: t('devices.importMessage'), dataIndex: 'message' },
                ]}
              />
            </>
          ) : (
            <Alert type="success" showIcon title={t('devices.importClean', { n: check.valid })} />
          )}
        </>
      )}
      {step === 2 && done && (
        <Result status="success" title={t('devices.importDone')} subTitle={t('devices.importDoneDetail', { stored: done.stored ?? 0, duplicates: done.duplicates ?? 0, problems: done.problems.length })} />
      )}
    </Modal>
  );
}
