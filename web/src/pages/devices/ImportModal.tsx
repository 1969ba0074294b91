import { useEffect, useState } from 'react';
import { Alert, Button, Descriptions, Modal, Result, Space, Steps, Table, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap } from '../../api/typed';
import { errorText } from '../../api/errors';
import type { Device, DeviceImportResult } from './types';

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
