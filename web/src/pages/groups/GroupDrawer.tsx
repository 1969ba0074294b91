import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Col, Drawer, Form, Input, Radio, Row, Select, Space, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap } from '../../api/typed';
import { applyFieldErrors, conflictField, errorText, fieldProblems, problemText, setFieldError } from '../../api/errors';
import type { Company, Id } from '../../api/types';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { WEEK_ORDER, type AttendanceGroup, type GroupKind, type HolidayCalendar, type Policy, type ShiftType, type Weekly } from '../../components/setup/data';
import { refineProblems } from '../../components/setup/problems';
import { MembersPanel } from './MembersPanel';
import { DEFAULT_POLICY, panelOf, PolicyFields } from './GroupPolicyFields';
import { CycleEditor, FreeFields, WeeklyRow } from './GroupScheduleFields';
import { GROUP_KINDS } from '../../../../src/shared/enums';

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
          ? await unwrap(apiClient.POST('/api/v1/attendance-groups', { body: { ...body, companyId: Number(companyId) } }))
          : await unwrap(apiClient.PATCH('/api/v1/attendance-groups/{id}', { params: { path: { id: Number(group!.id) } }, body }));
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
                      options={GROUP_KINDS.map((k) => ({ value: k, label: t(`groups.kinds.${k}`) }))}
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
