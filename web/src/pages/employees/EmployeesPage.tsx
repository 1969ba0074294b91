import { useEffect, useState } from 'react';
import { App, Button, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Tag } from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors';
import { apiClient, fetchAllOf, unwrap } from '../../api/typed';
import type { Employee, EmployeeStatus, Id, Site } from '../../api/types';
import { forgetEmployee, primeEmployees, useEmployees } from '../../api/employeeNames';
import { useDepartments } from '../../api/useDepartments';
import { useResourceList } from '../../api/useResourceList';
import { useCompany } from '../../app/CompanyContext';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { EmployeeSelect, employeeLabel } from '../../components/EmployeeSelect';
import { FormDrawer } from '../../components/FormDrawer';
import { PageContainer } from '../../components/PageContainer';
import { ResourceTable } from '../../components/ResourceTable';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { EmployeeImport } from './EmployeeImport';

interface EmployeeForm {
  jobNumber: string;
  name: string;
  email?: string;
  mobile?: string;
  departmentId?: Id | null;
  managerId?: Id | null;
  siteId?: Id | null;
  timeZone?: string | null;
  hireDate?: Dayjs | null;
  leaveDate?: Dayjs | null;
}

const toDate = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const fromDate = (s: string | null) => (s ? dayjs(s) : null);

export default function EmployeesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { companyId, company } = useCompany();
  const departments = useDepartments(companyId);
  const [filters, setFilters] = useState<{ departmentId?: Id; status?: EmployeeStatus; q?: string }>({ status: 'active' });
  const [search, setSearch] = useState('');
  // A department filter includes the departments under it, the way HR reads an org chart.
  const list = useResourceList(
    '/api/v1/employees',
    { query: { companyId, ...filters, includeSubdepartments: filters.departmentId != null ? true : undefined } },
    { enabled: !!companyId },
  );
  const managers = useEmployees(list.items.map((e) => e.managerId));
  const [editing, setEditing] = useState<Employee | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [leaving, setLeaving] = useState<Employee | null>(null);
  const [leaveDate, setLeaveDate] = useState<Dayjs>(() => dayjs());
  const [sites, setSites] = useState<Site[]>([]);

  useEffect(() => primeEmployees(list.items), [list.items]);
  useEffect(() => {
    if (!companyId) return;
    const controller = new AbortController();
    fetchAllOf('/api/v1/sites', { query: { companyId } }, controller.signal).then(setSites, () => setSites([]));
    return () => controller.abort();
  }, [companyId]);

  const save = async (v: EmployeeForm) => {
    const body = {
      jobNumber: v.jobNumber.trim(),
      name: v.name.trim(),
      email: v.email?.trim() || null,
      mobile: v.mobile?.trim() || null,
      departmentId: v.departmentId ?? null,
      managerId: v.managerId ?? null,
      siteId: v.siteId ?? null,
      timeZone: v.timeZone ?? null,
      hireDate: toDate(v.hireDate),
      leaveDate: toDate(v.leaveDate),
    };
    if (editing === 'new') {
      if (companyId) await unwrap(apiClient.POST('/api/v1/employees', { body: { ...body, companyId } }));
    } else if (editing) {
      await unwrap(apiClient.PATCH('/api/v1/employees/{id}', { params: { path: { id: editing.id } }, body }));
      forgetEmployee(editing.id);
    }
    list.reload();
  };

  const deactivate = async () => {
    if (!leaving) return;
    try {
      await unwrap(apiClient.POST('/api/v1/employees/{id}/deactivate', { params: { path: { id: leaving.id } }, body: { leaveDate: leaveDate.format('YYYY-MM-DD') } }));
      forgetEmployee(leaving.id);
      message.success(t('employees.deactivated', { name: leaving.name }));
      setLeaving(null);
      list.reload();
    } catch (err) {
      message.error(errorText(t, err));
    }
  };

  const initial: Partial<EmployeeForm> =
    editing && editing !== 'new'
      ? {
          ...editing,
          email: editing.email ?? undefined,
          mobile: editing.mobile ?? undefined,
          hireDate: fromDate(editing.hireDate),
          leaveDate: fromDate(editing.leaveDate),
        }
      : { departmentId: filters.departmentId ?? null };

  return (
    <PageContainer
      title={t('menu.employees')}
      needsCompany
      extra={
        <Space>
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
            {t('employees.import')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('employees.create')}
          </Button>
        </Space>
      }
    >
      <Space wrap className="daka-filters">
        <DepartmentSelect
          tree={departments.tree}
          style={{ width: 220 }}
          placeholder={t('employees.allDepartments')}
          value={filters.departmentId}
          onChange={(departmentId) => setFilters((f) => ({ ...f, departmentId: departmentId ?? undefined }))}
        />
        <Select<EmployeeStatus>
          allowClear
          style={{ width: 140 }}
          placeholder={t('employees.allStatuses')}
          value={filters.status}
          onChange={(status) => setFilters((f) => ({ ...f, status }))}
          options={[
            { value: 'active', label: t('employees.status.active') },
            { value: 'inactive', label: t('employees.status.inactive') },
          ]}
        />
        <Input.Search
          allowClear
          style={{ width: 280 }}
          placeholder={t('employees.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
        />
      </Space>
      <ResourceTable<Employee>
        list={list}
        columns={[
          { title: t('employees.jobNumber'), dataIndex: 'jobNumber', fixed: 'left' },
          { title: t('employees.name'), dataIndex: 'name' },
          {
            title: t('employees.department'),
            dataIndex: 'departmentId',
            render: (id: Id | null) => (id != null ? (departments.byId.get(String(id))?.name ?? '') : ''),
          },
          { title: t('employees.email'), dataIndex: 'email' },
          { title: t('employees.mobile'), dataIndex: 'mobile' },
          {
            title: t('employees.manager'),
            dataIndex: 'managerId',
            render: (id: Id | null) => {
              const m = id != null ? managers.get(String(id)) : undefined;
              return m ? employeeLabel(m) : '';
            },
          },
          { title: t('employees.hireDate'), dataIndex: 'hireDate' },
          {
            title: t('common.status'),
            dataIndex: 'status',
            render: (s: EmployeeStatus) => (
              <Tag color={s === 'active' ? 'success' : 'default'}>{t(`employees.status.${s}`)}</Tag>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, row) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(row)}>
                  {t('common.edit')}
                </Button>
                {row.status === 'active' && (
                  <Button
                    type="link"
                    size="small"
                    danger
                    onClick={() => {
                      setLeaveDate(dayjs());
                      setLeaving(row);
                    }}
                  >
                    {t('common.deactivate')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <FormDrawer<EmployeeForm>
        open={editing !== null}
        title={editing === 'new' ? t('employees.create') : t('employees.edit')}
        initialValues={initial}
        onClose={() => setEditing(null)}
        onSubmit={save}
        size={620}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="jobNumber" label={t('employees.jobNumber')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="name" label={t('employees.name')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="email" label={t('employees.email')} rules={[{ type: 'email' }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="mobile" label={t('employees.mobile')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="departmentId" label={t('employees.department')}>
          <DepartmentSelect tree={departments.tree} />
        </Form.Item>
        <Form.Item name="managerId" label={t('employees.manager')}>
          <EmployeeSelect companyId={companyId} excludeId={editing && editing !== 'new' ? editing.id : undefined} />
        </Form.Item>
        <Form.Item name="siteId" label={t('employees.site')}>
          <Select
            allowClear
            options={sites.filter((s) => s.active).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item
          name="timeZone"
          label={t('common.timeZone')}
          extra={t('employees.timeZoneHint', { zone: company?.timeZone ?? '' })}
        >
          <TimeZoneSelect placeholder={company?.timeZone} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="hireDate" label={t('employees.hireDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="leaveDate" label={t('employees.leaveDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </FormDrawer>
      <Modal
        open={leaving !== null}
        title={leaving ? t('employees.deactivateConfirm', { name: leaving.name }) : ''}
        okText={t('common.deactivate')}
        okButtonProps={{ danger: true }}
        onOk={() => deactivate()}
        onCancel={() => setLeaving(null)}
        destroyOnHidden
      >
        <p>{t('employees.deactivateHint')}</p>
        <Form layout="vertical">
          <Form.Item label={t('employees.leaveDate')} required>
            <DatePicker allowClear={false} value={leaveDate} onChange={(d) => d && setLeaveDate(d)} />
          </Form.Item>
        </Form>
      </Modal>
      {companyId && (
        <EmployeeImport
          open={importing}
          companyId={companyId}
          onClose={() => setImporting(false)}
          onImported={() => list.reload()}
        />
      )}
    </PageContainer>
  );
}
