import { Col, Form, Input, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Id, Site } from '../../api/types';
import { apiClient, unwrap } from '../../api/typed';
import { useMe } from '../../auth/AuthContext';
import { useCompany } from '../../app/CompanyContext';
import { FormDrawer } from '../../components/FormDrawer';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { MinutesInput } from '../../components/setup/TimeInputs';
import type { Device, Vendor } from './types';
import { DEVICE_VENDORS } from '../../../../src/shared/enums';

interface DeviceForm {
  vendor: Vendor;
  serialNumber: string;
  name: string;
  model?: string | null;
  siteId?: Id | null;
  timeZone?: string | null;
  offlineAfterMin: number;
  pullUrl?: string | null;
}

/** Registers a device by hand ('new') or edits one; vendor and serial number are fixed once registered. */
export function DeviceFormDrawer({ editing, sites, onClose, onSaved }: { editing: Device | 'new' | null; sites: Site[]; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { companyId, company } = useCompany();

  const save = async (v: DeviceForm) => {
    const body = {
      name: v.name.trim(),
      model: v.model?.trim() || null,
      siteId: v.siteId ?? null,
      timeZone: v.timeZone || null,
      offlineAfterMin: v.offlineAfterMin,
      // Only admins register where a device is pulled from; the field is not sent otherwise.
      ...(me.role === 'admin' && editing !== 'new' && editing?.vendor === 'hikvision' ? { pullUrl: v.pullUrl?.trim() || null } : {}),
    };
    if (editing === 'new') {
      if (companyId) await unwrap(apiClient.POST('/api/v1/devices', { body: { ...body, companyId, vendor: v.vendor, serialNumber: v.serialNumber.trim() } }));
    } else if (editing) {
      await unwrap(apiClient.PATCH('/api/v1/devices/{id}', { params: { path: { id: editing.id } }, body: editing.companyId === null ? { ...body, siteId: undefined } : body }));
    }
    onSaved();
  };

  const initial: Partial<DeviceForm> =
    editing && editing !== 'new'
      ? { ...editing, timeZone: editing.timeZoneSetting }
      : { vendor: 'zkteco', offlineAfterMin: 10, timeZone: null };

  return (
    <FormDrawer<DeviceForm>
      open={editing !== null}
      title={editing === 'new' ? t('devices.create') : t('devices.edit')}
      initialValues={initial}
      onClose={onClose}
      onSubmit={save}
    >
      {editing === 'new' && <Typography.Paragraph type="secondary">{t('devices.createHint')}</Typography.Paragraph>}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="vendor" label={t('devices.vendor')} rules={[{ required: true }]}>
            <Select disabled={editing !== 'new'} options={DEVICE_VENDORS.map((v) => ({ value: v, label: t(`devices.vendors.${v}`) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="serialNumber" label={t('devices.serialNumber')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={64} disabled={editing !== 'new'} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="name" label={t('devices.name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="model" label={t('devices.model')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="siteId" label={t('devices.site')}>
        <Select allowClear disabled={editing !== 'new' && editing?.companyId === null} options={sites.filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }))} />
      </Form.Item>
      <Form.Item name="timeZone" label={t('common.timeZone')} extra={t('devices.timeZoneInheritHint')}>
        <TimeZoneSelect placeholder={company?.timeZone} />
      </Form.Item>
      <Form.Item name="offlineAfterMin" label={t('devices.offlineAfter')} extra={t('devices.offlineAfterHint')} rules={[{ required: true }]}>
        <MinutesInput min={1} max={10080} />
      </Form.Item>
      {me.role === 'admin' && editing !== 'new' && editing?.vendor === 'hikvision' && (
        <Form.Item name="pullUrl" label={t('devices.pullUrl')} extra={t('devices.pullUrlHint')} rules={[{ pattern: /^https?:\/\/[^\s/?#@]+(\/[^\s?#]*)?$/, message: t('devices.pullUrlInvalid') }]}>
          <Input maxLength={300} placeholder="http://192.168.1.64" />
        </Form.Item>
      )}
    </FormDrawer>
  );
}
