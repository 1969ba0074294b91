import { useState } from 'react';
import { App, Button, Checkbox, Form, Input, Popconfirm, Select, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap } from '../../api/typed';
import { errorText } from '../../api/errors';
import { IDENTITY_KEYS, type Company, type IdentityKey } from '../../api/types';
import { useResourceList } from '../../api/useResourceList';
import { useCompany } from '../../app/CompanyContext';
import { FormDrawer } from '../../components/FormDrawer';
import { PageContainer } from '../../components/PageContainer';
import { ResourceTable } from '../../components/ResourceTable';
import { ActiveTag } from '../../components/StatusTag';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';

interface CompanyForm {
  name: string;
  code: string;
  timeZone: string;
  identityMatchOrder: IdentityKey[];
  deviceRequireToken?: boolean;
  deviceRequireAllowedIps?: boolean;
}

export default function CompaniesPage() {
  const { t } = useTranslation();
  const list = useResourceList('/api/v1/companies', {});
  const companyContext = useCompany();
  const [editing, setEditing] = useState<Company | 'new' | null>(null);
  const { message } = App.useApp();

  const save = async (values: CompanyForm) => {
    if (editing === 'new') await unwrap(apiClient.POST('/api/v1/companies', { body: values }));
    else if (editing) await unwrap(apiClient.PATCH('/api/v1/companies/{id}', { params: { path: { id: editing.id } }, body: values }));
    list.reload();
    void companyContext.reload();
  };

  const deactivate = async (c: Company) => {
    try {
      await unwrap(apiClient.POST('/api/v1/companies/{id}/deactivate', { params: { path: { id: c.id } } }));
      message.success(t('companies.deactivated', { name: c.name }));
      list.reload();
      void companyContext.reload();
    } catch (err) {
      message.error(errorText(t, err));
    }
  };

  const initial: Partial<CompanyForm> =
    editing && editing !== 'new'
      ? {
          name: editing.name,
          code: editing.code,
          timeZone: editing.timeZone,
          identityMatchOrder: editing.identityMatchOrder,
          deviceRequireToken: editing.deviceRequireToken,
          deviceRequireAllowedIps: editing.deviceRequireAllowedIps,
        }
      : { timeZone: 'Asia/Shanghai', identityMatchOrder: ['job_number', 'email', 'mobile'] };

  return (
    <PageContainer
      title={t('menu.companies')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          {t('companies.create')}
        </Button>
      }
    >
      <ResourceTable<Company>
        list={list}
        columns={[
          { title: t('companies.name'), dataIndex: 'name' },
          { title: t('companies.code'), dataIndex: 'code' },
          { title: t('common.timeZone'), dataIndex: 'timeZone' },
          {
            title: t('companies.identityMatchOrder'),
            dataIndex: 'identityMatchOrder',
            render: (order: IdentityKey[]) => (
              <Space size={4} wrap>
                {order.map((k, i) => (
                  <Tag key={k}>{`${i + 1}. ${t(`identityKeys.${k}`)}`}</Tag>
                ))}
              </Space>
            ),
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
                  <Popconfirm
                    title={t('companies.deactivateConfirm', { name: row.name })}
                    description={t('companies.deactivateHint')}
                    onConfirm={() => deactivate(row)}
                  >
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
      <FormDrawer<CompanyForm>
        open={editing !== null}
        title={editing === 'new' ? t('companies.create') : t('companies.edit')}
        initialValues={initial}
        onClose={() => setEditing(null)}
        onSubmit={save}
      >
        <Form.Item name="name" label={t('companies.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="code" label={t('companies.code')} rules={[{ required: true, whitespace: true }, { pattern: /^[A-Za-z0-9_.-]+$/, message: t('companies.codePattern') }]}
          extra={t('companies.codeHint')}
        >
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="timeZone" label={t('common.timeZone')} rules={[{ required: true }]}>
          <TimeZoneSelect allowClear={false} />
        </Form.Item>
        <Form.Item
          name="identityMatchOrder"
          label={t('companies.identityMatchOrder')}
          extra={t('companies.identityMatchOrderHint')}
          rules={[{ required: true, type: 'array', min: 1 }]}
        >
          <Select mode="multiple" options={IDENTITY_KEYS.map((k) => ({ value: k, label: t(`identityKeys.${k}`) }))} />
        </Form.Item>
        <Form.Item name="deviceRequireToken" valuePropName="checked" extra={t('companies.deviceRequireTokenHint')}>
          <Checkbox>{t('companies.deviceRequireToken')}</Checkbox>
        </Form.Item>
        <Form.Item name="deviceRequireAllowedIps" valuePropName="checked" extra={t('companies.deviceRequireAllowedIpsHint')}>
          <Checkbox>{t('companies.deviceRequireAllowedIps')}</Checkbox>
        </Form.Item>
      </FormDrawer>
    </PageContainer>
  );
}
