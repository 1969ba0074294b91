import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, InputNumber, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useEmployees } from '../../api/employeeNames';
import { apiClient, fetchAllOf, unwrap } from '../../api/typed';
import type { Id } from '../../api/types';
import { useDepartments } from '../../api/useDepartments';
import { useCompany } from '../../app/CompanyContext';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { PageContainer } from '../../components/PageContainer';
import { employeeLabel } from '../../components/EmployeeSelect';
import { ruleErrorText } from '../../components/attendance/errors';
import type { AttendanceGroup, ShiftType } from '../../components/setup/data';
import type { WhatIfResult } from '../../components/attendance/types';

type ShiftKnobs = Pick<ShiftType, 'id' | 'name' | 'code' | 'active' | 'graceLateMin' | 'graceEarlyMin' | 'seriousLateMin' | 'absenteeismLateMin'>;
type Group = Pick<AttendanceGroup, 'id' | 'name' | 'active'>;

const SHIFT_KNOBS = ['graceLateMin', 'graceEarlyMin', 'seriousLateMin', 'absenteeismLateMin'] as const;
type ShiftKnob = (typeof SHIFT_KNOBS)[number];
const OVERTIME_KNOBS = ['startAfterMin', 'minMin', 'unitMin'] as const;
type OvertimeKnob = (typeof OVERTIME_KNOBS)[number];

function showValue(v: unknown, t: (k: string) => string): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? t('whatIf.yes') : t('whatIf.no');
  return String(v);
}

/** Attendance → what-if: draft shift and overtime knobs, evaluated over a month and compared with the stored results. Nothing is saved. */
export default function WhatIfPage() {
  const { t } = useTranslation();
  const { companyId } = useCompany();
  const departments = useDepartments(companyId);
  const [shifts, setShifts] = useState<ShiftKnobs[]>([]);
  const [groups, setGroups] = useState<Group[]>([]);
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const [departmentId, setDepartmentId] = useState<Id | undefined>();
  const [shiftId, setShiftId] = useState<Id | undefined>();
  const [groupId, setGroupId] = useState<Id | undefined>();
  const [shiftDraft, setShiftDraft] = useState<Partial<Record<ShiftKnob, number | null>>>({});
  const [overtimeDraft, setOvertimeDraft] = useState<Partial<Record<OvertimeKnob, number | null>>>({});
  const [requiresApproval, setRequiresApproval] = useState<boolean | undefined>();
  const [result, setResult] = useState<WhatIfResult | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const people = useEmployees(result?.items.map((i) => i.employeeId) ?? []);

  useEffect(() => {
    if (!companyId) return;
    const controller = new AbortController();
    fetchAllOf('/api/v1/shift-types', { query: { companyId } }, controller.signal).then(
      (list) => {
        const active = list.filter((s) => s.active);
        setShifts(active);
        setShiftId((cur) => cur ?? active[0]?.id);
      },
      () => setShifts([]),
    );
    fetchAllOf('/api/v1/attendance-groups', { query: { companyId } }, controller.signal).then(
      (list) => setGroups(list.filter((g) => g.active)),
      () => setGroups([]),
    );
    return () => controller.abort();
  }, [companyId]);

  const shift = shifts.find((s) => String(s.id) === String(shiftId));
  useEffect(() => setShiftDraft({}), [shiftId]);

  const draft = useMemo(() => {
    const out: { groupId?: Id; policy?: Record<string, unknown>; shifts?: Record<string, Record<string, number>> } = {};
    const s: Record<string, number> = {};
    for (const k of SHIFT_KNOBS) {
      const v = shiftDraft[k];
      if (v !== undefined && v !== null && v !== shift?.[k]) s[k] = v;
    }
    if (shiftId !== undefined && Object.keys(s).length) out.shifts = { [String(shiftId)]: s };
    const ot: Record<string, unknown> = {};
    for (const k of OVERTIME_KNOBS) {
      const v = overtimeDraft[k];
      if (v !== undefined && v !== null) ot[k] = v;
    }
    if (requiresApproval !== undefined) ot.requiresApproval = requiresApproval;
    if (Object.keys(ot).length) {
      out.policy = { overtime: { workday: ot } };
      if (groupId !== undefined) out.groupId = groupId;
    }
    return out;
  }, [shiftDraft, overtimeDraft, requiresApproval, shift, shiftId, groupId]);
  const empty = !draft.shifts && !draft.policy;

  const run = async () => {
    if (!companyId) return;
    setRunning(true);
    setError(null);
    try {
      setResult(
        await unwrap(
          apiClient.POST('/api/v1/attendance/what-if', {
            body: { companyId, month: month.format('YYYY-MM'), ...(departmentId !== undefined ? { departmentId } : {}), draft },
          }),
        ),
      );
    } catch (err) {
      setResult(null);
      setError(ruleErrorText(t, err));
    } finally {
      setRunning(false);
    }
  };

  // Enumerated results read as words (状态, 迟到程度, 加班类型); the rest as they are.
  const valueText = (field: string, v: unknown): string => {
    if (typeof v === 'string') {
      if (field === 'status') return t(`attendance.status.${v}`, { defaultValue: v });
      if (field === 'lateLevel') return t(`attendance.lateLevel.${v}`, { defaultValue: v });
      if (field === 'overtimeCategory') return t(`attendance.overtimeCategory.${v}`, { defaultValue: v });
    }
    return showValue(v, t);
  };

  const rows = (result?.items ?? []).flatMap((i) => i.changes.map((c, n) => ({ key: `${i.employeeId}-${i.date}-${n}`, employeeId: i.employeeId, date: i.date, ...c, first: n === 0, span: i.changes.length })));

  return (
    <PageContainer title={t('menu.whatIf')} needsCompany>
      <Alert type="info" showIcon title={t('whatIf.hint')} style={{ marginBottom: 16 }} />
      <Form layout="vertical">
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item label={t('recompute.month')}>
              <DatePicker picker="month" allowClear={false} value={month} onChange={(d) => d && setMonth(d.startOf('month'))} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item label={t('attendance.columns.department')}>
              <DepartmentSelect tree={departments.tree} placeholder={t('recompute.wholeCompany')} value={departmentId} onChange={(v) => setDepartmentId(v ?? undefined)} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('whatIf.shiftKnobs')}>
              <Form.Item label={t('whatIf.shift')}>
                <Select<Id> value={shiftId} onChange={setShiftId} options={shifts.map((s) => ({ value: s.id, label: `${s.name}（${s.code}）` }))} />
              </Form.Item>
              <Row gutter={12}>
                {SHIFT_KNOBS.map((k) => (
                  <Col span={12} key={k}>
                    <Form.Item label={t(`whatIf.knobs.${k}`)} extra={shift?.[k] !== undefined ? t('whatIf.current', { value: shift[k] }) : undefined}>
                      <InputNumber
                        min={0}
                        max={1440}
                        addonAfter={t('whatIf.min')}
                        placeholder={shift?.[k] !== undefined ? String(shift[k]) : ''}
                        value={shiftDraft[k] ?? null}
                        onChange={(v) => setShiftDraft((d) => ({ ...d, [k]: v }))}
                        style={{ width: '100%' }}
                        disabled={!shift}
                      />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small" title={t('whatIf.overtimeKnobs')}>
              <Form.Item label={t('whatIf.group')} extra={t('whatIf.groupHint')}>
                <Select<Id>
                  allowClear
                  placeholder={t('whatIf.allGroups')}
                  value={groupId}
                  onChange={setGroupId}
                  options={groups.map((g) => ({ value: g.id, label: g.name }))}
                />
              </Form.Item>
              <Row gutter={12}>
                {OVERTIME_KNOBS.map((k) => (
                  <Col span={12} key={k}>
                    <Form.Item label={t(`whatIf.knobs.${k}`)}>
                      <InputNumber
                        min={0}
                        max={1440}
                        addonAfter={t('whatIf.min')}
                        placeholder={t('whatIf.unchanged')}
                        value={overtimeDraft[k] ?? null}
                        onChange={(v) => setOvertimeDraft((d) => ({ ...d, [k]: v }))}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  </Col>
                ))}
                <Col span={12}>
                  <Form.Item label={t('whatIf.knobs.requiresApproval')}>
                    <Select<'unchanged' | 'yes' | 'no'>
                      value={requiresApproval === undefined ? 'unchanged' : requiresApproval ? 'yes' : 'no'}
                      onChange={(v) => setRequiresApproval(v === 'unchanged' ? undefined : v === 'yes')}
                      options={[
                        { value: 'unchanged', label: t('whatIf.unchanged') },
                        { value: 'yes', label: t('whatIf.yes') },
                        { value: 'no', label: t('whatIf.no') },
                      ]}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          </Col>
        </Row>
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" icon={<ExperimentOutlined />} loading={running} disabled={empty} onClick={() => void run()}>
            {t('whatIf.run')}
          </Button>
          {empty && <Typography.Text type="secondary">{t('whatIf.nothingChanged')}</Typography.Text>}
        </Space>
      </Form>
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 16 }} />}
      {result && (
        <div style={{ marginTop: 24 }}>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Statistic title={t('whatIf.employees')} value={result.employees} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('whatIf.evaluatedDays')} value={result.evaluatedDays} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('whatIf.changedDays')} value={result.changedDays} styles={{ content: { color: result.changedDays ? '#d46b08' : undefined } }} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('whatIf.changedEmployees')} value={result.changedEmployees} />
            </Col>
          </Row>
          {result.truncated && <Alert type="warning" showIcon title={t('whatIf.truncated', { shown: result.items.length, total: result.changedDays })} style={{ marginBottom: 12 }} />}
          <Table
            size="small"
            bordered
            dataSource={rows}
            pagination={{ pageSize: 50, showSizeChanger: false }}
            locale={{ emptyText: t('whatIf.noChanges') }}
            columns={[
              {
                title: t('attendance.columns.employee'),
                key: 'employee',
                render: (_, r) => {
                  const e = people.get(String(r.employeeId));
                  return e ? employeeLabel(e) : `#${r.employeeId}`;
                },
              },
              { title: t('attendance.columns.date'), dataIndex: 'date' },
              { title: t('whatIf.field'), dataIndex: 'field', render: (f: string) => t(`attendance.fields.${f}`, { defaultValue: f }) },
              { title: t('whatIf.before'), dataIndex: 'before', render: (v: unknown, r) => <Tag>{valueText(r.field, v)}</Tag> },
              { title: t('whatIf.after'), dataIndex: 'after', render: (v: unknown, r) => <Tag color="orange">{valueText(r.field, v)}</Tag> },
            ]}
          />
        </div>
      )}
    </PageContainer>
  );
}
