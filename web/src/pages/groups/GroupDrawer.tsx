import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Col, Collapse, DatePicker, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space, Switch, Tabs, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { applyFieldErrors, conflictField, errorText, fieldProblems, problemText, setFieldError } from '../../api/errors';
import type { Company, Id } from '../../api/types';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { WEEK_ORDER, type AttendanceGroup, type GroupKind, type HolidayCalendar, type Policy, type ShiftType, type Weekly } from '../../components/setup/data';
import { HhmmPicker, HhmmRange, MinutesInput, formatDuration } from '../../components/setup/TimeInputs';
import { refineProblems } from '../../components/setup/problems';
import { MembersPanel } from './MembersPanel';

/** The server's default policy (RULES.md example; 补卡 as DingTalk: 3 a month within 30 days). */
export const DEFAULT_POLICY: Policy = {
  pairing: 'first_last',
  dedupeWindowSec: 60,
  minInOutGapMin: 30,
  restDayStartsAt: '05:00',
  truncateToMinute: true,
  overtime: {
    workday: { enabled: true, startAfterMin: 30, minMin: 30, unitMin: 30, capMin: 240, requiresApproval: false },
    restday: { enabled: true, minMin: 30, unitMin: 30, capMin: null, breakWindow: { start: '12:00', end: '13:00' } },
    holiday: { enabled: true, minMin: 30, unitMin: 30, capMin: null, breakWindow: { start: '12:00', end: '13:00' } },
    payMultiplier: { workday: 1.5, restday: 2.0, holiday: 3.0 },
    approvalMode: 'manager',
  },
  corrections: { quotaPerMonth: 3, deadlineDays: 30 },
};

interface GroupForm {
  name: string;
  kind: GroupKind;
  timeZone: string;
  holidayCalendarId?: Id | null;
  weekly?: Weekly;
  cycleOn?: boolean;
  rosterCycle?: { startDate: Dayjs; shiftTypeIds: (Id | null)[] };
  freeHours?: { dayStartsAt: string; requiredMinutes: number };
  policy: Policy & { overtime: Policy['overtime'] & { restday: { breakOn?: boolean }; holiday: { breakOn?: boolean } } };
}

type TabKey = 'basic' | 'policy' | 'members';
type ShiftOption = { value: Id; label: string; desc: string };

/** A shift in a picker list: its name, and its hours in grey. */
function shiftOptionRender(o: { data: ShiftOption }) {
  return (
    <Space size={6}>
      <span>{o.data.label}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {o.data.desc}
      </Typography.Text>
    </Space>
  );
}
const POLICY_PANELS = ['punch', 'overtime', 'corrections'] as const;

function panelOf(path: string): (typeof POLICY_PANELS)[number] {
  if (path.includes('.overtime')) return 'overtime';
  if (path.includes('.corrections')) return 'corrections';
  return 'punch';
}

interface Props {
  open: boolean;
  editing: AttendanceGroup | 'new' | null;
  initialTab?: TabKey;
  company: Company | null;
  companyId: Id | null;
  shiftTypes: ShiftType[];
  calendars: HolidayCalendar[];
  onClose(): void;
  onSaved(g: AttendanceGroup): void;
}

function WeeklyRow({ shiftOptions }: { shiftOptions: ShiftOption[] }) {
  const { t } = useTranslation();
  return (
    <div className="daka-week-row" style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 8 }}>
      {WEEK_ORDER.map((d) => (
        <Form.Item key={d} name={['weekly', d]} label={t(`setupCommon.weekdays.${d}`)} style={{ marginBottom: 8 }}>
          <Select allowClear placeholder={t('groups.rest')} options={shiftOptions} optionRender={shiftOptionRender} popupMatchSelectWidth={false} />
        </Form.Item>
      ))}
    </div>
  );
}

function CycleEditor({ shiftOptions }: { shiftOptions: ShiftOption[] }) {
  const { t } = useTranslation();
  const on = Form.useWatch<boolean>('cycleOn');
  return (
    <>
      <Form.Item name="cycleOn" label={t('groups.cycleOn')} valuePropName="checked" extra={t('groups.cycleHint')}>
        <Switch />
      </Form.Item>
      {on && (
        <>
          <Form.Item name={['rosterCycle', 'startDate']} label={t('groups.cycleStart')} rules={[{ required: true, message: t('setupCommon.required') }]}>
            <DatePicker />
          </Form.Item>
          <Form.List name={['rosterCycle', 'shiftTypeIds']}>
            {(fields, { add, remove }) => (
              <Form.Item label={t('groups.cycleDays', { n: fields.length })}>
                <Space wrap align="start">
                  {fields.map((f, i) => (
                    <Space.Compact key={f.key}>
                      <Form.Item name={f.name} noStyle>
                        <Select allowClear placeholder={t('groups.rest')} options={shiftOptions} optionRender={shiftOptionRender} popupMatchSelectWidth={false} style={{ width: 150 }} prefix={`${t('groups.dayN', { n: i + 1 })}`} />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(f.name)} aria-label={t('setupCommon.remove')} />
                    </Space.Compact>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add(null)} disabled={fields.length >= 366}>
                    {t('groups.cycleAddDay')}
                  </Button>
                </Space>
              </Form.Item>
            )}
          </Form.List>
        </>
      )}
    </>
  );
}

function FreeFields() {
  const { t } = useTranslation();
  const required = Form.useWatch<number>(['freeHours', 'requiredMinutes']);
  return (
    <Row gutter={16}>
      <Col span={12}>
        <Form.Item name={['freeHours', 'dayStartsAt']} label={t('groups.dayStartsAt')} extra={t('groups.dayStartsAtHint')} rules={[{ required: true }]}>
          <HhmmPicker style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name={['freeHours', 'requiredMinutes']}
          label={t('groups.requiredMinutes')}
          extra={typeof required === 'number' ? formatDuration(t, required) : undefined}
          rules={[{ required: true, message: t('setupCommon.required') }]}
        >
          <MinutesInput max={1440} step={30} />
        </Form.Item>
      </Col>
    </Row>
  );
}

function OvertimeCategory({ cat }: { cat: 'workday' | 'restday' | 'holiday' }) {
  const { t } = useTranslation();
  const base = ['policy', 'overtime', cat];
  const enabled = Form.useWatch<boolean>([...base, 'enabled']);
  const breakOn = Form.useWatch<boolean>([...base, 'breakOn']);
  return (
    <div style={{ marginBottom: 8 }}>
      <Space align="center" style={{ marginBottom: 8 }}>
        <Form.Item name={[...base, 'enabled']} valuePropName="checked" noStyle>
          <Switch size="small" />
        </Form.Item>
        <Typography.Text strong>{t(`groups.ot.${cat}`)}</Typography.Text>
      </Space>
      {enabled && (
        <Row gutter={12}>
          {cat === 'workday' && (
            <Col span={6}>
              <Form.Item name={[...base, 'startAfterMin']} label={t('groups.ot.startAfterMin')} tooltip={t('groups.ot.startAfterHint')} rules={[{ required: true }]}>
                <MinutesInput max={1440} />
              </Form.Item>
            </Col>
          )}
          <Col span={6}>
            <Form.Item name={[...base, 'minMin']} label={t('groups.ot.minMin')} tooltip={t('groups.ot.minHint')} rules={[{ required: true }]}>
              <MinutesInput max={1440} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name={[...base, 'unitMin']} label={t('groups.ot.unitMin')} tooltip={t('groups.ot.unitHint')} rules={[{ required: true }]}>
              <MinutesInput min={1} max={1440} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name={[...base, 'capMin']} label={t('groups.ot.capMin')} tooltip={t('groups.ot.capHint')}>
              <MinutesInput max={1440} placeholder={t('groups.ot.noCap')} />
            </Form.Item>
          </Col>
          {cat === 'workday' ? (
            <Col span={24}>
              <Form.Item name={[...base, 'requiresApproval']} valuePropName="checked" label={t('groups.ot.requiresApproval')} extra={t('groups.ot.requiresApprovalHint')}>
                <Switch />
              </Form.Item>
            </Col>
          ) : (
            <>
              <Col span={8}>
                <Form.Item name={[...base, 'breakOn']} valuePropName="checked" label={t('groups.ot.breakOn')}>
                  <Switch />
                </Form.Item>
              </Col>
              <Col span={16}>
                {breakOn && (
                  <Form.Item name={[...base, 'breakWindow']} label={t('groups.ot.breakWindow')} rules={[{ required: true, message: t('setupCommon.required') }]}>
                    <HhmmRange />
                  </Form.Item>
                )}
              </Col>
            </>
          )}
        </Row>
      )}
    </div>
  );
}

function PolicyFields({ active, setActive }: { active: string[]; setActive(keys: string[]): void }) {
  const { t } = useTranslation();
  const mult = (cat: 'workday' | 'restday' | 'holiday') => (
    <Col span={8}>
      <Form.Item name={['policy', 'overtime', 'payMultiplier', cat]} label={t(`groups.ot.pay.${cat}`)} rules={[{ required: true }]}>
        <InputNumber<number> min={0} max={10} step={0.5} style={{ width: '100%' }} suffix="×" />
      </Form.Item>
    </Col>
  );
  return (
    <Collapse
      activeKey={active}
      onChange={(keys) => setActive(keys as string[])}
      items={[
        {
          key: 'punch',
          label: t('groups.sectionPunch'),
          forceRender: true,
          children: (
            <Row gutter={16}>
              <Col span={24}>
                <Form.Item name={['policy', 'pairing']} label={t('groups.pairing')} extra={t('groups.pairingHint')}>
                  <Radio.Group
                    options={[
                      { value: 'first_last', label: t('groups.pairingFirstLast') },
                      { value: 'pairs', label: t('groups.pairingPairs') },
                    ]}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name={['policy', 'dedupeWindowSec']} label={t('groups.dedupeWindowSec')} extra={t('groups.dedupeHint')} rules={[{ required: true }]}>
                  <InputNumber<number> min={0} max={3600} precision={0} style={{ width: '100%' }} suffix={t('setupCommon.secUnit')} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name={['policy', 'minInOutGapMin']} label={t('groups.minInOutGapMin')} extra={t('groups.minGapHint')} rules={[{ required: true }]}>
                  <MinutesInput max={1440} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name={['policy', 'restDayStartsAt']} label={t('groups.restDayStartsAt')} extra={t('groups.restDayStartsAtHint')} rules={[{ required: true }]}>
                  <HhmmPicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name={['policy', 'truncateToMinute']} valuePropName="checked" label={t('groups.truncateToMinute')} extra={t('groups.truncateHint')}>
                  <Switch />
                </Form.Item>
              </Col>
            </Row>
          ),
        },
        {
          key: 'overtime',
          label: t('groups.sectionOvertime'),
          forceRender: true,
          children: (
            <>
              <Form.Item name={['policy', 'overtime', 'approvalMode']} label={t('groups.ot.approvalMode')}>
                <Radio.Group
                  options={[
                    { value: 'manager', label: t('groups.ot.approvalManager') },
                    { value: 'auto', label: t('groups.ot.approvalAuto') },
                  ]}
                />
              </Form.Item>
              <OvertimeCategory cat="workday" />
              <OvertimeCategory cat="restday" />
              <OvertimeCategory cat="holiday" />
              <Typography.Text strong>{t('groups.ot.payMultiplier')}</Typography.Text>
              <Row gutter={12} style={{ marginTop: 8 }}>
                {mult('workday')}
                {mult('restday')}
                {mult('holiday')}
              </Row>
            </>
          ),
        },
        {
          key: 'corrections',
          label: t('groups.sectionCorrections'),
          forceRender: true,
          children: (
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item name={['policy', 'corrections', 'quotaPerMonth']} label={t('groups.quotaPerMonth')} extra={t('groups.zeroUnlimited')} rules={[{ required: true }]}>
                  <InputNumber<number> min={0} max={100} precision={0} style={{ width: '100%' }} suffix={t('groups.timesUnit')} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name={['policy', 'corrections', 'deadlineDays']} label={t('groups.deadlineDays')} extra={t('groups.zeroUnlimited')} rules={[{ required: true }]}>
                  <InputNumber<number> min={0} max={366} precision={0} style={{ width: '100%' }} suffix={t('setupCommon.dayUnit')} />
                </Form.Item>
              </Col>
            </Row>
          ),
        },
      ]}
    />
  );
}

function toForm(g: AttendanceGroup | null, zone: string): GroupForm {
  const policy = g?.policy ?? DEFAULT_POLICY;
  const weekly: Weekly = g?.weekly ?? {};
  return {
    name: g?.name ?? '',
    kind: g?.kind ?? 'fixed',
    timeZone: g?.timeZone ?? zone,
    holidayCalendarId: g?.holidayCalendarId ?? null,
    weekly: Object.fromEntries(WEEK_ORDER.map((d) => [d, weekly[d] ?? null])) as Weekly,
    cycleOn: !!g?.rosterCycle,
    rosterCycle: g?.rosterCycle ? { startDate: dayjs(g.rosterCycle.startDate), shiftTypeIds: g.rosterCycle.shiftTypeIds } : { startDate: dayjs().startOf('month'), shiftTypeIds: [null] },
    freeHours: g?.freeHours ?? { dayStartsAt: '05:00', requiredMinutes: 480 },
    policy: {
      ...policy,
      overtime: {
        ...policy.overtime,
        restday: { ...policy.overtime.restday, breakOn: !!policy.overtime.restday.breakWindow },
        holiday: { ...policy.overtime.holiday, breakOn: !!policy.overtime.holiday.breakWindow },
      },
    },
  };
}

function toBody(v: GroupForm) {
  const p = v.policy;
  const cat = <T extends { breakOn?: boolean; breakWindow: unknown; capMin: number | null }>(c: T) => {
    const { breakOn, ...rest } = c;
    return { ...rest, capMin: rest.capMin ?? null, breakWindow: breakOn ? (rest.breakWindow ?? null) : null };
  };
  return {
    name: v.name.trim(),
    kind: v.kind,
    timeZone: v.timeZone,
    holidayCalendarId: v.holidayCalendarId ?? null,
    weekly: v.kind === 'fixed' ? Object.fromEntries(WEEK_ORDER.map((d) => [d, v.weekly?.[d] ?? null])) : null,
    rosterCycle:
      v.kind === 'roster' && v.cycleOn && v.rosterCycle
        ? { startDate: v.rosterCycle.startDate.format('YYYY-MM-DD'), shiftTypeIds: v.rosterCycle.shiftTypeIds.map((x) => x ?? null) }
        : null,
    freeHours: v.kind === 'free' ? v.freeHours : null,
    policy: {
      pairing: p.pairing,
      dedupeWindowSec: p.dedupeWindowSec,
      minInOutGapMin: p.minInOutGapMin,
      restDayStartsAt: p.restDayStartsAt,
      truncateToMinute: !!p.truncateToMinute,
      overtime: {
        workday: { ...p.overtime.workday, capMin: p.overtime.workday.capMin ?? null, requiresApproval: !!p.overtime.workday.requiresApproval },
        restday: cat(p.overtime.restday),
        holiday: cat(p.overtime.holiday),
        payMultiplier: p.overtime.payMultiplier,
        approvalMode: p.overtime.approvalMode,
      },
      corrections: p.corrections,
    },
  };
}

export function GroupDrawer({ open, editing, initialTab = 'basic', company, companyId, shiftTypes, calendars, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<GroupForm>();
  const [tab, setTab] = useState<TabKey>(initialTab);
  const [panels, setPanels] = useState<string[]>(['punch']);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const group = editing && editing !== 'new' ? editing : null;
  const initial = useMemo(() => toForm(group, company?.timeZone ?? 'Asia/Shanghai'), [group, company?.timeZone]);
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    if (!open) return;
    setTab(initialTab);
    setPanels(['punch']);
    setError(null);
    form.resetFields();
    form.setFieldsValue(initial);
  }, [open, initial, initialTab, form]);

  const shiftOptions = useMemo(
    () => shiftTypes.map((s) => ({ value: s.id, label: s.name, desc: `${s.start}–${s.end}${s.crossesMidnight ? ` ${t('shifts.nextDay')}` : ''}` })),
    [shiftTypes, t],
  );

  const submit = async () => {
    let values: GroupForm;
    try {
      await form.validateFields();
      // Everything in the store, including the settings of collapsed or switched-off parts.
      values = form.getFieldsValue(true) as GroupForm;
    } catch (info) {
      const fields = (info as { errorFields?: { name: (string | number)[] }[] }).errorFields ?? [];
      if (fields.some((f) => f.name[0] === 'policy')) {
        setTab('policy');
        setPanels([...new Set([...panels, ...fields.filter((f) => f.name[0] === 'policy').map((f) => panelOf(f.name.join('.')))])]);
      } else if (fields.length) setTab('basic');
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const body = toBody(values);
      const saved =
        editing === 'new'
          ? await api.post<AttendanceGroup>('/attendance-groups', { ...body, companyId })
          : await api.patch<AttendanceGroup>(`/attendance-groups/${group!.id}`, body);
      message.success(t('common.saved'));
      onSaved(saved);
    } catch (caught) {
      const err = refineProblems(caught);
      const problems = fieldProblems(err);
      const leftover = applyFieldErrors(form, err, t);
      const field = conflictField(err);
      if (problems.length) {
        const placed = problems.filter((p) => !leftover.includes(p));
        if (placed.some((p) => p.path.includes('.policy'))) {
          setTab('policy');
          setPanels([...new Set([...panels, ...placed.filter((p) => p.path.includes('.policy')).map((p) => panelOf(p.path))])]);
        } else if (placed.length) setTab('basic');
        if (leftover.length) setError(leftover.map((p) => `${p.path}: ${problemText(t, p)}`).join('; '));
        // Bring the first field in trouble into view once its tab and panel are open.
        window.setTimeout(() => {
          const first = form.getFieldsError().find((f) => f.errors.length);
          if (first) form.scrollToField(first.name, { block: 'center' });
        }, 100);
      } else if (!field || !setFieldError(form, field, errorText(t, err))) {
        setError(errorText(t, err));
      }
    } finally {
      setSaving(false);
    }
  };

  const showForm = tab !== 'members';
  return (
    <Drawer
      open={open}
      size={820}
      title={group ? t('groups.editTitle', { name: group.name }) : t('groups.create')}
      onClose={onClose}
      destroyOnHidden
      extra={
        showForm && (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => void submit()}>
              {t('common.save')}
            </Button>
          </Space>
        )
      }
    >
      {error && showForm && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<GroupForm> form={form} layout="vertical" initialValues={initial}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as TabKey)}
          items={[
            {
              key: 'basic',
              label: t('groups.tabBasic'),
              forceRender: true,
              children: (
                <>
                  <Row gutter={16}>
                    <Col span={12}>
                      <Form.Item name="name" label={t('groups.name')} rules={[{ required: true, whitespace: true }]}>
                        <Input maxLength={100} />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item name="timeZone" label={t('common.timeZone')} rules={[{ required: true }]}>
                        <TimeZoneSelect allowClear={false} />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item name="kind" label={t('groups.kind')} extra={t(`groups.kindHint.${kind ?? 'fixed'}`)}>
                    <Radio.Group
                      optionType="button"
                      buttonStyle="solid"
                      options={(['fixed', 'roster', 'free'] as const).map((k) => ({ value: k, label: t(`groups.kinds.${k}`) }))}
                    />
                  </Form.Item>
                  {kind === 'fixed' && (
                    <Form.Item label={t('groups.weekly')} required extra={t('groups.weeklyHint')}>
                      <WeeklyRow shiftOptions={shiftOptions} />
                    </Form.Item>
                  )}
                  {kind === 'roster' && <CycleEditor shiftOptions={shiftOptions} />}
                  {kind === 'free' && <FreeFields />}
                  <Form.Item name="holidayCalendarId" label={t('groups.holidayCalendar')} extra={t('groups.holidayCalendarHint')}>
                    <Select
                      allowClear
                      placeholder={t('groups.noCalendar')}
                      options={calendars.map((c) => ({ value: c.id, label: c.companyId === null ? `${c.name}（${t('calendars.shared')}）` : c.name }))}
                    />
                  </Form.Item>
                </>
              ),
            },
            { key: 'policy', label: t('groups.tabPolicy'), forceRender: true, children: <PolicyFields active={panels} setActive={setPanels} /> },
            {
              key: 'members',
              label: t('groups.tabMembers'),
              disabled: !group,
              children: null,
            },
          ]}
        />
      </Form>
      {tab === 'members' && group && <MembersPanel group={group} />}
      {!group && tab === 'basic' && (
        <Typography.Paragraph type="secondary">{t('groups.membersAfterCreate')}</Typography.Paragraph>
      )}
    </Drawer>
  );
}
