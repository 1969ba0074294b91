import { useState } from 'react';
import { App, Button, Col, Form, Input, InputNumber, Popconfirm, Row, Space, Switch } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap } from '../../api/typed';
import { errorText } from '../../api/errors';
import type { Geofence, Site } from '../../api/types';
import { useResourceList } from '../../api/useResourceList';
import { useCompany } from '../../app/CompanyContext';
import { FormDrawer } from '../../components/FormDrawer';
import { PageContainer } from '../../components/PageContainer';
import { ResourceTable } from '../../components/ResourceTable';
import { ActiveTag } from '../../components/StatusTag';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';

interface SiteForm {
  name: string;
  address?: string;
  timeZone: string;
  hasGeofence: boolean;
  geofence?: Geofence;
}

function GeofenceFields() {
  const { t } = useTranslation();
  const enabled = Form.useWatch<boolean>('hasGeofence');
  if (!enabled) return null;
  return (
    <Row gutter={12}>
      <Col span={8}>
        <Form.Item name={['geofence', 'lat']} label={t('sites.lat')} rules={[{ required: true }]}>
          <InputNumber min={-90} max={90} step={0.000001} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={['geofence', 'lng']} label={t('sites.lng')} rules={[{ required: true }]}>
          <InputNumber min={-180} max={180} step={0.000001} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={8}>
        <Form.Item name={['geofence', 'radiusM']} label={t('sites.radiusM')} rules={[{ required: true }]}>
          <InputNumber min={10} max={50000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
    </Row>
  );
}

export default function SitesPage() {
  const { t } = useTranslation();
  const { companyId, company } = useCompany();
  const list = useResourceList('/api/v1/sites', { query: { companyId } }, { enabled: !!companyId });
  const [editing, setEditing] = useState<Site | 'new' | null>(null);
  const { message } = App.useApp();

  const deactivate = async (s: Site) => {
    try {
      await unwrap(apiClient.POST('/api/v1/sites/{id}/deactivate', { params: { path: { id: s.id } } }));
      message.success(t('sites.deactivated', { name: s.name }));
      list.reload();
    } catch (err) {
      message.error(errorText(t, err));
    }
  };

  const save = async ({ hasGeofence, geofence, ...values }: SiteForm) => {
    const body = {
      ...values,
      address: values.address?.trim() || null,
      geofence: hasGeofence && geofence ? { lat: geofence.lat, lng: geofence.lng, radiusM: geofence.radiusM } : null,
    };
    if (editing === 'new') {
      if (companyId) await unwrap(apiClient.POST('/api/v1/sites', { body: { ...body, companyId } }));
    } else if (editing) await unwrap(apiClient.PATCH('/api/v1/sites/{id}', { params: { path: { id: editing.id } }, body }));
    list.reload();
  };

  const initial: Partial<SiteForm> =
    editing && editing !== 'new'
      ? {
          name: editing.name,
          address: editing.address ?? undefined,
          timeZone: editing.timeZone,
          hasGeofence: !!editing.geofence,
          geofence: editing.geofence ?? undefined,
        }
      : { timeZone: company?.timeZone ?? 'Asia/Shanghai', hasGeofence: false };

  return (
    <PageContainer
      title={t('menu.sites')}
      needsCompany
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('sites.create')}
        </Button>
      }
    >
      <ResourceTable<Site>
        list={list}
        columns={[
          { title: t('sites.name'), dataIndex: 'name' },
          { title: t('sites.address'), dataIndex: 'address' },
          { title: t('common.timeZone'), dataIndex: 'timeZone' },
          {
            title: t('sites.geofence'),
            dataIndex: 'geofence',
            render: (g: Site['geofence']) =>
              g ? // `lng` is an i18next option (the language), hence the longer names.
              t('sites.geofenceText', { latitude: g.lat, longitude: g.lng, radius: g.radiusM }) : t('sites.noGeofence'),
          },
          { title: t('common.status'), dataIndex: 'active', render: (active: boolean) => <ActiveTag active={active} /> },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, row) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(row)}>
                  {t('common.edit')}
                </Button>
                {row.active && (
                  <Popconfirm title={t('sites.deactivateConfirm', { name: row.name })} onConfirm={() => deactivate(row)}>
                    <Button type="link" size="small" danger>
                      {t('common.deactivate')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
      <FormDrawer<SiteForm>
        open={editing !== null}
        title={editing === 'new' ? t('sites.create') : t('sites.edit')}
        initialValues={initial}
        onClose={() => setEditing(null)}
        onSubmit={save}
      >
        <Form.Item name="name" label={t('sites.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="address" label={t('sites.address')}>
          <Input.TextArea rows={2} maxLength={300} />
        </Form.Item>
        <Form.Item name="timeZone" label={t('common.timeZone')} rules={[{ required: true }]}>
          <TimeZoneSelect allowClear={false} />
        </Form.Item>
        <Form.Item name="hasGeofence" label={t('sites.geofence')} valuePropName="checked" extra={t('sites.geofenceHint')}>
          <Switch />
        </Form.Item>
        <GeofenceFields />
      </FormDrawer>
    </PageContainer>
  );
}
