import { useState } from 'react';
import { Button, Form, Input, Select, Space, Switch, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap } from '../../api/typed';
import { ROLES, sameId, type Id, type Role, type User, type UserStatus } from '../../api/types';
import { useEmployees } from '../../api/employeeNames';
import { useResourceList } from '../../api/useResourceList';
import { useCompany } from '../../app/CompanyContext';
import { MIN_PASSWORD } from '../../auth/ChangePasswordModal';
import { EmployeeSelect, employeeLabel } from '../../components/EmployeeSelect';
import { FormDrawer } from '../../components/FormDrawer';
import { ResourceTable } from '../../components/ResourceTable';
import { formatInstant } from '../../components/format';

interface UserForm {
  username: string;
  displayName: string;
  password?: string;
  confirm?: string;
  role: Role;
  companyIds: Id[];
  employeeId?: Id | null;
  locale?: string | null;
  enabled?: boolean;
}

const ROLE_COLORS: Record<Role, string> = { admin: 'red', hr: 'blue', manager: 'purple', employee: 'default' };
const LOCALES = ['zh-CN', 'en'];

/** The employee picker follows the first company chosen for the account. */
function LinkedEmployeeField() {
  const { t } = useTranslation();
  const { companyId } = useCompany();
  const companyIds = Form.useWatch<Id[] | undefined>('companyIds');
  return (
    <Form.Item name="employeeId" label={t('users.employee')} extra={t('users.employeeHint')}>
      <EmployeeSelect companyId={companyIds?.[0] ?? companyId} />
    </Form.Item>
  );
}

function PasswordFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="password"
        label={t('users.newPassword')}
        rules={[{ required: true }, { min: MIN_PASSWORD, message: t('users.passwordTooShort', { min: MIN_PASSWORD }) }]}
        extra={t('users.passwordHint')}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('users.confirmPassword')}
        dependencies={['password']}
        rules={[
          { required: true },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error(t('users.passwordMismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}

type Editing = { mode: 'new' } | { mode: 'edit'; user: User } | { mode: 'password'; user: User } | null;

export function UsersTab() {
  const { t } = useTranslation();
  const { companies } = useCompany();
  const [filters, setFilters] = useState<{ q?: string; role?: Role; status?: UserStatus }>({});
  const list = useResourceList('/api/v1/users', { query: filters });
  const employees = useEmployees(list.items.map((u) => u.employeeId));
  const [editing, setEditing] = useState<Editing>(null);
  const companyName = (id: Id) => companies.find((c) => sameId(c.id, id))?.name ?? String(id);

  const save = async (v: UserForm) => {
    if (editing?.mode === 'new') {
      await unwrap(
        apiClient.POST('/api/v1/users', {
          body: {
            username: v.username.trim(),
            displayName: v.displayName.trim(),
            password: v.password ?? '',
            role: v.role,
            companyIds: v.companyIds ?? [],
            employeeId: v.employeeId ?? null,
            locale: v.locale ?? null,
          },
        }),
      );
    } else if (editing?.mode === 'edit') {
      await unwrap(
        apiClient.PATCH('/api/v1/users/{id}', {
          params: { path: { id: editing.user.id } },
          body: {
            displayName: v.displayName.trim(),
            role: v.role,
            companyIds: v.companyIds ?? [],
            employeeId: v.employeeId ?? null,
            locale: v.locale ?? null,
            status: v.enabled ? 'active' : 'disabled',
          },
        }),
      );
    } else if (editing?.mode === 'password') {
      await unwrap(apiClient.POST('/api/v1/users/{id}/reset-password', { params: { path: { id: editing.user.id } }, body: { password: v.password ?? '' } }));
    }
    list.reload();
  };

  const title =
    editing?.mode === 'new'
      ? t('users.create')
      : editing?.mode === 'edit'
        ? t('users.edit')
        : editing?.mode === 'password'
          ? t('users.resetPasswordFor', { name: editing.user.username })
          : '';
  const initial: Partial<UserForm> =
    editing?.mode === 'edit'
      ? { ...editing.user, enabled: editing.user.status !== 'disabled' }
      : editing?.mode === 'new'
        ? { role: 'employee', companyIds: companies.length === 1 ? [companies[0].id] : [], locale: null }
        : {};

  return (
    <>
      <div className="daka-filters" style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap' }}>
        <Space wrap>
          <Input.Search
            allowClear
            style={{ width: 240 }}
            placeholder={t('users.searchPlaceholder')}
            onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
          />
          <Select<Role>
            allowClear
            style={{ width: 140 }}
            placeholder={t('users.allRoles')}
            value={filters.role}
            onChange={(role) => setFilters((f) => ({ ...f, role }))}
            options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          />
          <Select<UserStatus>
            allowClear
            style={{ width: 140 }}
            placeholder={t('employees.allStatuses')}
            value={filters.status}
            onChange={(status) => setFilters((f) => ({ ...f, status }))}
            options={[
              { value: 'active', label: t('users.status.active') },
              { value: 'disabled', label: t('users.status.disabled') },
            ]}
          />
        </Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'new' })}>
          {t('users.create')}
        </Button>
      </div>
      <ResourceTable<User>
        list={list}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          {
            title: t('users.role'),
            dataIndex: 'role',
            render: (r: Role) => <Tag color={ROLE_COLORS[r]}>{t(`roles.${r}`)}</Tag>,
          },
          {
            title: t('users.companies'),
            dataIndex: 'companyIds',
            render: (ids: Id[], u) =>
              u.role === 'admin' && ids.length === 0 ? (
                t('users.allCompanies')
              ) : (
                <Space size={4} wrap>
                  {ids.map((id) => (
                    <Tag key={String(id)}>{companyName(id)}</Tag>
                  ))}
                </Space>
              ),
          },
          {
            title: t('users.employee'),
            dataIndex: 'employeeId',
            render: (id: Id | null) => {
              const e = id != null ? employees.get(String(id)) : undefined;
              return e ? employeeLabel(e) : '';
            },
          },
          {
            title: t('users.lastLogin'),
            dataIndex: 'lastLoginAtMs',
            render: (v: number | null | undefined) => (v ? formatInstant(v) : t('users.neverLoggedIn')),
          },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (s: UserStatus | undefined, u) => (
              <Space size={4}>
                {s && <Tag color={s === 'active' ? 'success' : 'default'}>{t(`users.status.${s}`)}</Tag>}
                {u.mustChangePassword && <Tag color="warning">{t('users.mustChangePassword')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, row) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', user: row })}>
                  {t('common.edit')}
                </Button>
                <Button type="link" size="small" onClick={() => setEditing({ mode: 'password', user: row })}>
                  {t('users.resetPassword')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <FormDrawer<UserForm>
        open={editing !== null}
        title={title}
        initialValues={initial}
        onClose={() => setEditing(null)}
        onSubmit={save}
      >
        {editing?.mode === 'password' ? (
          <PasswordFields />
        ) : (
          <>
            <Form.Item
              name="username"
              label={t('users.username')}
              rules={[
                { required: true, whitespace: true },
                { pattern: /^[A-Za-z0-9_.@-]{2,64}$/, message: t('users.usernamePattern') },
              ]}
            >
              <Input maxLength={64} autoComplete="off" disabled={editing?.mode === 'edit'} />
            </Form.Item>
            <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} />
            </Form.Item>
            {editing?.mode === 'new' && <PasswordFields />}
            <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]} extra={t('users.roleHint')}>
              <Select options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
            </Form.Item>
            <Form.Item name="companyIds" label={t('users.companies')} extra={t('users.companiesHint')}>
              <Select mode="multiple" options={companies.map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
            <LinkedEmployeeField />
            <Form.Item name="locale" label={t('users.locale')}>
              <Select
                allowClear
                placeholder={t('users.localeDefault')}
                options={LOCALES.map((l) => ({ value: l, label: t(`users.locales.${l}`) }))}
              />
            </Form.Item>
            {editing?.mode === 'edit' && (
              <Form.Item name="enabled" label={t('users.enabled')} valuePropName="checked" extra={t('users.enabledHint')}>
                <Switch />
              </Form.Item>
            )}
          </>
        )}
      </FormDrawer>
    </>
  );
}
