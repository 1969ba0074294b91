import { useState } from 'react';
import { Alert, App, Button, Col, DatePicker, Form, Modal, Radio, Row, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { apiClient, unwrap } from '../../api/typed';
import { applyFieldErrors, conflictField, errorText, fieldProblems } from '../../api/errors';
import type { Id } from '../../api/types';
import { useEmployees } from '../../api/employeeNames';
import { useDepartments } from '../../api/useDepartments';
import { useResourceList } from '../../api/useResourceList';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { EmployeeSelect, employeeLabel } from '../../components/EmployeeSelect';
import type { AttendanceGroup, GroupMember } from '../../components/setup/data';

interface AddForm {
  target: 'department' | 'employee';
  departmentId?: Id;
  employeeId?: Id;
  range: [Dayjs, Dayjs | null];
}

function memberState(m: GroupMember, today: string): 'current' | 'ended' | 'future' {
  if (m.effectiveFrom > today) return 'future';
  if (m.effectiveTo !== null && m.effectiveTo < today) return 'ended';
  return 'current';
}

/** Who belongs to a group: departments (with their sub-departments) and individuals, each for a date range. */
export function MembersPanel({ group }: { group: AttendanceGroup }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useResourceList('/api/v1/attendance-groups/{id}/members', { path: { id: group.id } }, { pageSize: 50 });
  const departments = useDepartments(group.companyId);
  const employees = useEmployees(list.items.map((m) => m.employeeId));
  const [form] = Form.useForm<AddForm>();
  const target = Form.useWatch('target', form) ?? 'department';
  const [adding, setAdding] = useState(false);
  const [addError, setAddError] = useState<string | null>(null);
  const [ending, setEnding] = useState<GroupMember | null>(null);
  const [endDate, setEndDate] = useState<Dayjs>(() => dayjs());
  const today = dayjs().format('YYYY-MM-DD');

  const add = async () => {
    let v: AddForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setAdding(true);
    setAddError(null);
    try {
      const body = {
        ...(v.target === 'department' ? { departmentId: Number(v.departmentId) } : { employeeId: Number(v.employeeId) }),
        effectiveFrom: v.range[0].format('YYYY-MM-DD'),
        effectiveTo: v.range[1] ? v.range[1].format('YYYY-MM-DD') : null,
      };
      await unwrap(apiClient.POST('/api/v1/attendance-groups/{id}/members', { params: { path: { id: Number(group.id) } }, body }));
      message.success(t('groups.memberAdded'));
      form.setFieldsValue({ departmentId: undefined, employeeId: undefined });
      list.reload();
    } catch (err) {
      // effectiveFrom/effectiveTo problems belong to the date range field.
      const problems = fieldProblems(err).map((p) => ({ ...p, path: p.path.replace(/effective(From|To)$/, 'range') }));
      const left = problems.length && err instanceof ApiError ? applyFieldErrors(form, new ApiError(err.status, err.code, err.message, { problems }), t) : [];
      if (!problems.length || left.length || conflictField(err)) setAddError(errorText(t, err));
    } finally {
      setAdding(false);
    }
  };

  const end = async () => {
    if (!ending) return;
    try {
      await unwrap(
        apiClient.POST('/api/v1/attendance-groups/{id}/members/{memberId}/end', { params: { path: { id: Number(group.id), memberId: Number(ending.id) } }, body: { effectiveTo: endDate.format('YYYY-MM-DD') } }),
      );
      message.success(t('groups.memberEnded'));
      setEnding(null);
      list.reload();
    } catch (err) {
      message.error(errorText(t, err));
    }
  };

  return (
    <div>
      <Typography.Paragraph type="secondary">{t('groups.membersHint')}</Typography.Paragraph>
      {addError && <Alert type="error" showIcon title={addError} style={{ marginBottom: 12 }} closable={{ onClose: () => setAddError(null) }} />}
      <Form<AddForm> form={form} layout="vertical" initialValues={{ target: 'department', range: [dayjs(), null] }}>
        <Row gutter={12} align="bottom">
          <Col flex="none">
            <Form.Item name="target" label={t('groups.memberType')}>
              <Radio.Group
                optionType="button"
                options={[
                  { value: 'department', label: t('groups.memberDepartment') },
                  { value: 'employee', label: t('groups.memberEmployee') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col flex="auto">
            {target === 'department' ? (
              <Form.Item name="departmentId" label={t('groups.memberDepartment')} rules={[{ required: true, message: t('setupCommon.required') }]}>
                <DepartmentSelect tree={departments.tree} style={{ minWidth: 180 }} />
              </Form.Item>
            ) : (
              <Form.Item name="employeeId" label={t('groups.memberEmployee')} rules={[{ required: true, message: t('setupCommon.required') }]}>
                <EmployeeSelect companyId={group.companyId} style={{ minWidth: 180 }} />
              </Form.Item>
            )}
          </Col>
          <Col flex="none">
            <Form.Item name="range" label={t('groups.effectiveRange')} rules={[{ required: true, message: t('setupCommon.required') }]}>
              <DatePicker.RangePicker allowEmpty={[false, true]} placeholder={[t('groups.effectiveFrom'), t('groups.openEnded')]} />
            </Form.Item>
          </Col>
          <Col flex="none">
            <Form.Item label=" ">
              <Button type="primary" icon={<PlusOutlined />} loading={adding} onClick={() => void add()}>
                {t('groups.addMember')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {list.error != null && <Alert type="error" showIcon title={errorText(t, list.error)} style={{ marginBottom: 12 }} />}
      <Table<GroupMember>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.items}
        pagination={{ current: list.page, pageSize: list.pageSize, total: list.total, onChange: (p, s) => list.setPage(p, s), hideOnSinglePage: true }}
        columns={[
          {
            title: t('groups.memberType'),
            key: 'type',
            width: 90,
            render: (_, m) => (m.departmentId != null ? <Tag color="geekblue">{t('groups.memberDepartment')}</Tag> : <Tag color="green">{t('groups.memberEmployee')}</Tag>),
          },
          {
            title: t('groups.memberName'),
            key: 'name',
            render: (_, m) => {
              if (m.departmentId != null) {
                const d = departments.byId.get(String(m.departmentId));
                return d ? t('groups.departmentWithSubs', { name: d.name }) : `#${m.departmentId}`;
              }
              const e = employees.get(String(m.employeeId));
              return e ? employeeLabel(e) : `#${m.employeeId}`;
            },
          },
          { title: t('groups.effectiveFrom'), dataIndex: 'effectiveFrom' },
          { title: t('groups.effectiveTo'), dataIndex: 'effectiveTo', render: (v: string | null) => v ?? t('groups.openEnded') },
          {
            title: t('common.status'),
            key: 'state',
            render: (_, m) => {
              const s = memberState(m, today);
              return <Tag color={s === 'current' ? 'success' : s === 'future' ? 'processing' : 'default'}>{t(`groups.memberState.${s}`)}</Tag>;
            },
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, m) =>
              memberState(m, today) !== 'ended' && (
                <Button
                  type="link"
                  size="small"
                  danger
                  onClick={() => {
                    const from = dayjs(m.effectiveFrom);
                    setEndDate(from.isAfter(dayjs()) ? from : dayjs());
                    setEnding(m);
                  }}
                >
                  {t('groups.endMember')}
                </Button>
              ),
          },
        ]}
      />
      <Modal open={ending !== null} title={t('groups.endMemberTitle')} okText={t('groups.endMember')} okButtonProps={{ danger: true }} onOk={() => end()} onCancel={() => setEnding(null)} destroyOnHidden>
        <Typography.Paragraph>{t('groups.endMemberHint')}</Typography.Paragraph>
        <Form layout="vertical">
          <Form.Item label={t('groups.effectiveTo')} required>
            <DatePicker allowClear={false} value={endDate} onChange={(d) => d && setEndDate(d)} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
