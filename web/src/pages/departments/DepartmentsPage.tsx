import { useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, Popconfirm, Space, Switch, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap } from '../../api/typed';
import { errorText } from '../../api/errors';
import type { Department, Id } from '../../api/types';
import { subtreeIds, useDepartments, type DepartmentNode } from '../../api/useDepartments';
import { useEmployees } from '../../api/employeeNames';
import { useCompany } from '../../app/CompanyContext';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { EmployeeSelect, employeeLabel } from '../../components/EmployeeSelect';
import { FormDrawer } from '../../components/FormDrawer';
import { PageContainer } from '../../components/PageContainer';
import { ActiveTag } from '../../components/StatusTag';

interface DepartmentForm {
  name: string;
  code?: string;
  parentId?: Id | null;
  managerEmployeeId?: Id | null;
}

type Editing = { mode: 'new'; parentId: Id | null } | { mode: 'edit'; department: Department } | null;

function withoutInactive(nodes: DepartmentNode[]): DepartmentNode[] {
  return nodes
    .filter((n) => n.active)
    .map((n) => ({ ...n, children: n.children ? withoutInactive(n.children) : undefined }));
}

/** antd shows an expand arrow for any `children` array, so empty ones are dropped. */
function pruneEmpty(nodes: DepartmentNode[]): DepartmentNode[] {
  return nodes.map((n) => {
    const children = n.children?.length ? pruneEmpty(n.children) : undefined;
    return { ...n, children };
  });
}

export default function DepartmentsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { companyId } = useCompany();
  const departments = useDepartments(companyId);
  const [showInactive, setShowInactive] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const managers = useEmployees(departments.items.map((d) => d.managerEmployeeId));

  const rows = useMemo(
    () => pruneEmpty(showInactive ? departments.tree : withoutInactive(departments.tree)),
    [departments.tree, showInactive],
  );

  const save = async (values: DepartmentForm) => {
    const body = {
      name: values.name,
      code: values.code?.trim() || null,
      parentId: values.parentId ?? null,
      managerEmployeeId: values.managerEmployeeId ?? null,
    };
    if (editing?.mode === 'new') {
      if (companyId) await unwrap(apiClient.POST('/api/v1/departments', { body: { ...body, companyId } }));
    } else if (editing?.mode === 'edit') await unwrap(apiClient.PATCH('/api/v1/departments/{id}', { params: { path: { id: editing.department.id } }, body }));
    departments.reload();
  };

  const deactivate = async (d: Department) => {
    try {
      await unwrap(apiClient.POST('/api/v1/departments/{id}/deactivate', { params: { path: { id: d.id } } }));
      message.success(t('departments.deactivated', { name: d.name }));
      departments.reload();
    } catch (err) {
      message.error(errorText(t, err));
    }
  };

  const disabled =
    editing?.mode === 'edit' ? subtreeIds(departments.items, editing.department.id) : undefined;
  const initial: Partial<DepartmentForm> =
    editing?.mode === 'edit'
      ? {
          name: editing.department.name,
          code: editing.department.code ?? undefined,
          parentId: editing.department.parentId,
          managerEmployeeId: editing.department.managerEmployeeId,
        }
      : { parentId: editing?.parentId ?? null };

  return (
    <PageContainer
      title={t('menu.departments')}
      needsCompany
      extra={
        <Space>
          <Space size={6}>
            <Switch size="small" checked={showInactive} onChange={setShowInactive} />
            <Typography.Text>{t('departments.showInactive')}</Typography.Text>
          </Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'new', parentId: null })}>
            {t('departments.create')}
          </Button>
        </Space>
      }
    >
      {departments.error != null && (
        <Alert type="error" showIcon title={errorText(t, departments.error)} style={{ marginBottom: 12 }} />
      )}
      <Table<DepartmentNode>
        rowKey="id"
        size="middle"
        loading={departments.loading}
        dataSource={rows}
        pagination={false}
        expandable={{ defaultExpandAllRows: true }}
        key={rows.length /* re-expand after loading */}
        columns={[
          { title: t('departments.name'), dataIndex: 'name' },
          { title: t('departments.code'), dataIndex: 'code' },
          {
            title: t('departments.manager'),
            dataIndex: 'managerEmployeeId',
            render: (id: Id | null) => {
              const e = id != null ? managers.get(String(id)) : undefined;
              return e ? employeeLabel(e) : '';
            },
          },
          { title: t('common.status'), dataIndex: 'active', render: (active: boolean) => <ActiveTag active={active} /> },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 240,
            render: (_, row) => (
              <Space size={0}>
                <Button type="link" size="small" disabled={!row.active} onClick={() => setEditing({ mode: 'new', parentId: row.id })}>
                  {t('departments.addChild')}
                </Button>
                <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', department: row })}>
                  {t('common.edit')}
                </Button>
                {row.active && (
                  <Popconfirm
                    title={t('departments.deactivateConfirm', { name: row.name })}
                    description={t('departments.deactivateHint')}
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
      <FormDrawer<DepartmentForm>
        open={editing !== null}
        title={editing?.mode === 'edit' ? t('departments.edit') : t('departments.create')}
        initialValues={initial}
        onClose={() => setEditing(null)}
        onSubmit={save}
      >
        <Form.Item name="name" label={t('departments.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="code" label={t('departments.code')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="parentId" label={t('departments.parent')} extra={t('departments.parentHint')}>
          <DepartmentSelect tree={departments.tree} disabledIds={disabled} />
        </Form.Item>
        <Form.Item name="managerEmployeeId" label={t('departments.manager')}>
          <EmployeeSelect companyId={companyId} />
        </Form.Item>
      </FormDrawer>
    </PageContainer>
  );
}
