import { useState } from 'react';
import { App, Button, Col, ColorPicker, Divider, Form, Input, Popconfirm, Row, Space, Switch, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap } from '../../api/typed';
import { errorText } from '../../api/errors';
import { useResourceList } from '../../api/useResourceList';
import { useCompany } from '../../app/CompanyContext';
import { FormDrawer } from '../../components/FormDrawer';
import { PageContainer } from '../../components/PageContainer';
import { ResourceTable } from '../../components/ResourceTable';
import { ActiveTag } from '../../components/StatusTag';
import type { ShiftType } from '../../components/setup/data';
import { refineProblems } from '../../components/setup/problems';
import { HhmmPicker, HhmmRange, MinutesInput, formatDuration } from '../../components/setup/TimeInputs';

type Knobs = Omit<ShiftType, 'id' | 'companyId' | 'code' | 'name' | 'color' | 'active'>;

interface ShiftForm extends Knobs {
  code: string;
  name: string;
  color?: string | null;
  hasBreak: boolean;
  flexOn: boolean;
}

/** The server's defaults for a new shift (the RULES.md example), with a lunch break. */
const NEW_SHIFT: Partial<ShiftForm> = {
  start: '09:00',
  end: '18:00',
  crossesMidnight: false,
  hasBreak: true,
  break: { start: '12:00', end: '13:00' },
  graceLateMin: 5,
  graceEarlyMin: 5,
  seriousLateMin: 30,
  absenteeismLateMin: 120,
  checkInEarliestMin: 120,
  checkOutLatestMin: 360,
  halfDayBelowMin: 240,
  absentBelowMin: 120,
  flexOn: false,
  flex: { lateMaxMin: 30, earlyMaxMin: 30 },
};

/** Columns of short values that read wrong when wrapped (times, durations, actions). */
const NOWRAP = 'daka-nowrap';

const PRESET_COLORS = ['#1677ff', '#13c2c2', '#52c41a', '#faad14', '#fa8c16', '#f5222d', '#eb2f96', '#722ed1', '#2f54eb', '#8c8c8c'];

const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Scheduled minutes minus the break, for the summary line. */
export function workMinutes(s: Pick<ShiftType, 'start' | 'end' | 'crossesMidnight' | 'break'>): number {
  let len = toMin(s.end) - toMin(s.start);
  if (s.crossesMidnight) len += 1440;
  if (s.break) {
    let b = toMin(s.break.end) - toMin(s.break.start);
    if (b < 0) b += 1440;
    len -= b;
  }
  return Math.max(0, len);
}

function Section({ title, hint }: { title: string; hint?: string }) {
  return (
    <Divider titlePlacement="start" style={{ marginTop: 8 }}>
      <Space size={8}>
        <span>{title}</span>
        {hint && (
          <Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 12 }}>
            {hint}
          </Typography.Text>
        )}
      </Space>
    </Divider>
  );
}

function LengthHint() {
  const { t } = useTranslation();
  const form = Form.useFormInstance<ShiftForm>();
  const start = Form.useWatch('start', form);
  const end = Form.useWatch('end', form);
  const crosses = Form.useWatch('crossesMidnight', form);
  const hasBreak = Form.useWatch('hasBreak', form);
  const brk = Form.useWatch('break', form);
  if (!start || !end) return null;
  const minutes = workMinutes({ start, end, crossesMidnight: !!crosses, break: hasBreak ? (brk ?? null) : null });
  return (
    <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
      {t('shifts.workLength', { duration: formatDuration(t, minutes) })}
    </Typography.Paragraph>
  );
}

function ShiftFields() {
  const { t } = useTranslation();
  const hasBreak = Form.useWatch<boolean>('hasBreak');
  const flexOn = Form.useWatch<boolean>('flexOn');
  const mins = (name: keyof Knobs | (string | number)[], label: string, extra?: string, max = 1440) => (
    <Form.Item name={name} label={label} extra={extra} rules={[{ required: true, message: t('setupCommon.required') }]}>
      <MinutesInput max={max} />
    </Form.Item>
  );
  return (
    <>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="code" label={t('shifts.code')} extra={t('shifts.codeHint')} rules={[{ required: true, whitespace: true }, { pattern: /^[A-Za-z0-9_.-]+$/, message: t('shifts.codePattern') }]}>
            <Input maxLength={64} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="name" label={t('shifts.name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="color" label={t('shifts.color')} getValueFromEvent={(c: { toHexString(): string } | null) => (c ? c.toHexString() : null)}>
            <ColorPicker disabledAlpha allowClear presets={[{ label: t('shifts.color'), colors: PRESET_COLORS }]} />
          </Form.Item>
        </Col>
      </Row>

      <Section title={t('shifts.sectionTimes')} />
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="start" label={t('shifts.start')} rules={[{ required: true }]}>
            <HhmmPicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="end" label={t('shifts.end')} rules={[{ required: true }]}>
            <HhmmPicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="crossesMidnight" label={t('shifts.crossesMidnight')} valuePropName="checked" extra={t('shifts.crossesMidnightHint')}>
            <Switch />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="hasBreak" label={t('shifts.hasBreak')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col span={16}>
          {hasBreak && (
            <Form.Item name="break" label={t('shifts.break')} rules={[{ required: true, message: t('setupCommon.required') }]} extra={t('shifts.breakHint')}>
              <HhmmRange />
            </Form.Item>
          )}
        </Col>
      </Row>
      <LengthHint />

      <Section title={t('shifts.sectionLate')} hint={t('shifts.sectionLateHint')} />
      <Row gutter={16}>
        <Col span={12}>{mins('graceLateMin', t('shifts.graceLateMin'), t('shifts.graceLateHint'), 720)}</Col>
        <Col span={12}>{mins('graceEarlyMin', t('shifts.graceEarlyMin'), t('shifts.graceEarlyHint'), 720)}</Col>
        <Col span={12}>{mins('seriousLateMin', t('shifts.seriousLateMin'), t('shifts.seriousLateHint'))}</Col>
        <Col span={12}>{mins('absenteeismLateMin', t('shifts.absenteeismLateMin'), t('shifts.absenteeismLateHint'))}</Col>
      </Row>

      <Section title={t('shifts.sectionWindow')} />
      <Row gutter={16}>
        <Col span={12}>{mins('checkInEarliestMin', t('shifts.checkInEarliestMin'), t('shifts.checkInEarliestHint'))}</Col>
        <Col span={12}>{mins('checkOutLatestMin', t('shifts.checkOutLatestMin'), t('shifts.checkOutLatestHint'))}</Col>
      </Row>

      <Section title={t('shifts.sectionAbsence')} />
      <Row gutter={16}>
        <Col span={12}>{mins('halfDayBelowMin', t('shifts.halfDayBelowMin'), t('shifts.halfDayBelowHint'))}</Col>
        <Col span={12}>{mins('absentBelowMin', t('shifts.absentBelowMin'), t('shifts.absentBelowHint'))}</Col>
      </Row>

      <Section title={t('shifts.sectionFlex')} />
      <Form.Item name="flexOn" label={t('shifts.flexOn')} valuePropName="checked" extra={t('shifts.flexHint')}>
        <Switch />
      </Form.Item>
      {flexOn && (
        <Row gutter={16}>
          <Col span={12}>{mins(['flex', 'lateMaxMin'], t('shifts.flexLateMax'), t('shifts.flexLateMaxHint'), 720)}</Col>
          <Col span={12}>{mins(['flex', 'earlyMaxMin'], t('shifts.flexEarlyMax'), t('shifts.flexEarlyMaxHint'), 720)}</Col>
        </Row>
      )}
    </>
  );
}

export default function ShiftTypesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { companyId } = useCompany();
  const [showInactive, setShowInactive] = useState(false);
  const list = useResourceList('/api/v1/shift-types', { query: { companyId, active: showInactive ? undefined : true } }, { enabled: !!companyId });
  const [editing, setEditing] = useState<ShiftType | 'new' | null>(null);

  const save = async ({ hasBreak, flexOn, ...v }: ShiftForm) => {
    const body = {
      code: v.code.trim(),
      name: v.name.trim(),
      color: v.color || null,
      start: v.start,
      end: v.end,
      crossesMidnight: !!v.crossesMidnight,
      break: hasBreak && v.break ? v.break : null,
      graceLateMin: v.graceLateMin,
      graceEarlyMin: v.graceEarlyMin,
      seriousLateMin: v.seriousLateMin,
      absenteeismLateMin: v.absenteeismLateMin,
      checkInEarliestMin: v.checkInEarliestMin,
      checkOutLatestMin: v.checkOutLatestMin,
      halfDayBelowMin: v.halfDayBelowMin,
      absentBelowMin: v.absentBelowMin,
      flex: flexOn && v.flex ? { lateMaxMin: v.flex.lateMaxMin, earlyMaxMin: v.flex.earlyMaxMin } : null,
    };
    try {
      if (editing === 'new') {
        if (companyId) await unwrap(apiClient.POST('/api/v1/shift-types', { body: { ...body, companyId } }));
      } else if (editing) await unwrap(apiClient.PATCH('/api/v1/shift-types/{id}', { params: { path: { id: editing.id } }, body }));
    } catch (err) {
      throw refineProblems(err);
    }
    list.reload();
  };

  const setActive = async (s: ShiftType, active: boolean) => {
    try {
      if (active) await unwrap(apiClient.PATCH('/api/v1/shift-types/{id}', { params: { path: { id: s.id } }, body: { active: true } }));
      else await unwrap(apiClient.DELETE('/api/v1/shift-types/{id}', { params: { path: { id: s.id } } }));
      message.success(active ? t('shifts.enabled', { name: s.name }) : t('shifts.disabled', { name: s.name }));
      list.reload();
    } catch (err) {
      message.error(errorText(t, err));
    }
  };

  const initial: Partial<ShiftForm> =
    editing && editing !== 'new'
      ? {
          ...editing,
          hasBreak: !!editing.break,
          flexOn: !!editing.flex,
          flex: editing.flex ?? NEW_SHIFT.flex,
        }
      : NEW_SHIFT;

  return (
    <PageContainer
      title={t('menu.shiftTypes')}
      needsCompany
      extra={
        <Space>
          <Space size={6}>
            <Switch size="small" checked={showInactive} onChange={setShowInactive} />
            <Typography.Text>{t('setupCommon.showInactive')}</Typography.Text>
          </Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('shifts.create')}
          </Button>
        </Space>
      }
    >
      <ResourceTable<ShiftType>
        list={list}
        // A width the laptop card holds (content wraps in its cells); narrower screens scroll inside the card.
        scroll={{ x: 1040 }}
        tableLayout="auto"
        columns={[
          { className: NOWRAP, title: t('shifts.code'), dataIndex: 'code', fixed: 'left' },
          {
            title: t('shifts.name'),
            dataIndex: 'name',
            render: (name: string, row) => (
              <Space size={8}>
                <span className="daka-swatch" style={{ display: 'inline-block', width: 10, height: 10, borderRadius: 2, background: row.color ?? '#1677ff' }} />
                {name}
              </Space>
            ),
          },
          {
            title: t('shifts.times'), className: NOWRAP,
            key: 'times',
            render: (_, row) => (
              <Space size={4}>
                <span>
                  {row.start}–{row.end}
                </span>
                {row.crossesMidnight && <Tag color="purple">{t('shifts.nextDay')}</Tag>}
              </Space>
            ),
          },
          { className: NOWRAP, title: t('shifts.break'), dataIndex: 'break', render: (b: ShiftType['break']) => (b ? `${b.start}–${b.end}` : t('shifts.noBreak')) },
          { className: NOWRAP, title: t('shifts.workHours'), key: 'work', render: (_, row) => formatDuration(t, workMinutes(row)) },
          { className: NOWRAP, title: t('shifts.grace'), key: 'grace', render: (_, row) => t('shifts.graceText', { late: row.graceLateMin, early: row.graceEarlyMin }) },
          { title: t('shifts.window'), key: 'window', render: (_, row) => t('shifts.windowText', { before: row.checkInEarliestMin, after: row.checkOutLatestMin }) },
          {
            title: t('shifts.flex'),
            dataIndex: 'flex',
            render: (f: ShiftType['flex']) => (f ? <Tag color="cyan">{t('shifts.flexText', { late: f.lateMaxMin, early: f.earlyMaxMin })}</Tag> : t('shifts.noFlex')),
          },
          { className: NOWRAP, title: t('common.status'), dataIndex: 'active', render: (active: boolean) => <ActiveTag active={active} /> },
          {
            // Not fixed: a fixed action column covered the flex and status columns on a laptop screen.
            title: t('common.actions'), className: NOWRAP,
            key: 'actions',
            render: (_, row) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(row)}>
                  {t('common.edit')}
                </Button>
                {row.active ? (
                  <Popconfirm title={t('shifts.disableConfirm', { name: row.name })} description={t('shifts.disableHint')} onConfirm={() => setActive(row, false)}>
                    <Button type="link" size="small" danger>
                      {t('common.deactivate')}
                    </Button>
                  </Popconfirm>
                ) : (
                  <Button type="link" size="small" onClick={() => void setActive(row, true)}>
                    {t('setupCommon.enable')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <FormDrawer<ShiftForm>
        open={editing !== null}
        title={editing === 'new' ? t('shifts.create') : t('shifts.edit')}
        initialValues={initial}
        onClose={() => setEditing(null)}
        onSubmit={save}
        size={680}
      >
        <ShiftFields />
      </FormDrawer>
    </PageContainer>
  );
}
