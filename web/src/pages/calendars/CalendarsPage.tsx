import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Empty, Form, Input, Modal, Popconfirm, Radio, Result, Row, Select, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import { CloudDownloadOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, fetchAll } from '../../api/client';
import { applyFieldErrors, errorText, fieldProblems } from '../../api/errors';
import { sameId, type Id } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { useCompany } from '../../app/CompanyContext';
import { FormDrawer } from '../../components/FormDrawer';
import { PageContainer } from '../../components/PageContainer';
import { put, useCalendars, type HolidayCalendar } from '../../components/setup/data';
import { Legend, YearView, type CalendarDay, type DayType } from './YearView';
import { RunFooter } from '../../components/RunFooter';

interface CalendarForm {
  code: string;
  name: string;
  weekendDays: number[];
  shared?: boolean;
}

interface ImportResult {
  calendarId: Id;
  years: number[];
  inserted: number;
  updated: number;
  unchanged: number;
  keptManual: number;
}

const DAY_TYPES: DayType[] = ['statutory_holiday', 'rest_day', 'makeup_workday', 'workday'];
const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '0'];

export default function CalendarsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const { companyId } = useCompany();
  const calendars = useCalendars(companyId);
  const [selectedId, setSelectedId] = useState<Id | null>(null);
  const [year, setYear] = useState(() => dayjs().year());
  const [days, setDays] = useState<CalendarDay[]>([]);
  const [daysLoading, setDaysLoading] = useState(false);
  const [daysError, setDaysError] = useState<unknown>(null);
  const [editing, setEditing] = useState<HolidayCalendar | 'new' | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [importOpen, setImportOpen] = useState(false);

  const selected = calendars.items.find((c) => sameId(c.id, selectedId)) ?? calendars.items[0] ?? null;

  const loadDays = useCallback(async () => {
    if (!selected) return setDays([]);
    setDaysLoading(true);
    setDaysError(null);
    try {
      setDays(await fetchAll<CalendarDay>(`/holiday-calendars/${selected.id}/days`, { from: `${year}-01-01`, to: `${year}-12-31` }));
    } catch (err) {
      setDaysError(err);
    } finally {
      setDaysLoading(false);
    }
  }, [selected?.id, year]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    void loadDays();
  }, [loadDays]);

  const byDate = useMemo(() => new Map(days.map((d) => [d.date, d])), [days]);
  const counts = useMemo(() => {
    const c = { statutory_holiday: 0, rest_day: 0, makeup_workday: 0, workday: 0, manual: 0 };
    for (const d of days) {
      c[d.dayType]++;
      if (d.source === 'manual') c.manual++;
    }
    return c;
  }, [days]);

  const save = async (v: CalendarForm) => {
    const body = { code: v.code.trim(), name: v.name.trim(), weekendDays: v.weekendDays.map(Number) };
    if (editing === 'new') {
      const c = await api.post<HolidayCalendar>('/holiday-calendars', { ...body, companyId: v.shared ? null : companyId });
      setSelectedId(c.id);
    } else if (editing) await api.patch(`/holiday-calendars/${editing.id}`, body);
    calendars.reload();
  };

  const remove = async (c: HolidayCalendar) => {
    try {
      await api.delete(`/holiday-calendars/${c.id}`);
      message.success(t('calendars.deleted', { name: c.name }));
      setSelectedId(null);
      calendars.reload();
    } catch (err) {
      message.error(errorText(t, err));
    }
  };

  return (
    <PageContainer
      title={t('menu.holidayCalendars')}
      needsCompany
      extra={
        <Space>
          <Button icon={<CloudDownloadOutlined />} onClick={() => setImportOpen(true)}>
            {t('calendars.importChina')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('calendars.create')}
          </Button>
        </Space>
      }
    >
      {calendars.error != null && <Alert type="error" showIcon title={errorText(t, calendars.error)} style={{ marginBottom: 12 }} />}
      <Row gutter={16}>
        <Col xs={24} lg={7} xl={6}>
          <Table<HolidayCalendar>
            rowKey="id"
            size="small"
            loading={calendars.loading}
            dataSource={calendars.items}
            pagination={false}
            locale={{ emptyText: <Empty description={t('calendars.empty')} /> }}
            onRow={(c) => ({ onClick: () => setSelectedId(c.id), style: { cursor: 'pointer' } })}
            rowClassName={(c) => (selected && sameId(c.id, selected.id) ? 'ant-table-row-selected' : '')}
            columns={[
              {
                title: t('calendars.name'),
                key: 'name',
                render: (_, c) => (
                  <div>
                    <Space size={4}>
                      <span>{c.name}</span>
                      {c.companyId === null && <Tag color="blue">{t('calendars.shared')}</Tag>}
                    </Space>
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {c.code} · {t('calendars.weekendText', { days: [...c.weekendDays].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7)).map((d) => t(`setupCommon.weekdaysShort.${d}`)).join(t('calendars.listSep')) || t('calendars.noWeekend') })}
                      </Typography.Text>
                    </div>
                  </div>
                ),
              },
            ]}
          />
        </Col>
        <Col xs={24} lg={17} xl={18}>
          {selected ? (
            <Card
              size="small"
              title={
                <Space>
                  <span>{selected.name}</span>
                  {selected.companyId === null && <Tag color="blue">{t('calendars.shared')}</Tag>}
                </Space>
              }
              extra={
                <Space>
                  <Button size="small" onClick={() => setEditing(selected)}>
                    {t('common.edit')}
                  </Button>
                  <Popconfirm title={t('calendars.deleteConfirm', { name: selected.name })} description={t('calendars.deleteHint')} onConfirm={() => remove(selected)}>
                    <Button size="small" danger>
                      {t('setupCommon.delete')}
                    </Button>
                  </Popconfirm>
                </Space>
              }
            >
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center', justifyContent: 'space-between', marginBottom: 12 }}>
                <Space>
                  <Button size="small" icon={<LeftOutlined />} onClick={() => setYear((y) => y - 1)} aria-label={t('calendars.prevYear')} />
                  <Typography.Title level={5} style={{ margin: 0 }}>
                    {t('calendars.yearTitle', { year })}
                  </Typography.Title>
                  <Button size="small" icon={<RightOutlined />} onClick={() => setYear((y) => y + 1)} aria-label={t('calendars.nextYear')} />
                  {year !== dayjs().year() && (
                    <Button size="small" type="link" onClick={() => setYear(dayjs().year())}>
                      {t('calendars.thisYear')}
                    </Button>
                  )}
                </Space>
                <Legend />
              </div>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
                {t('calendars.yearSummary', { holidays: counts.statutory_holiday, rest: counts.rest_day, makeup: counts.makeup_workday, manual: counts.manual })}
              </Typography.Paragraph>
              {daysError != null && <Alert type="error" showIcon title={errorText(t, daysError)} style={{ marginBottom: 12 }} />}
              {!daysLoading && days.length === 0 && !daysError && (
                <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('calendars.noDaysThisYear')} action={<Button size="small" onClick={() => setImportOpen(true)}>{t('calendars.importChina')}</Button>} />
              )}
              <Spin spinning={daysLoading}>
                <YearView year={year} days={byDate} weekendDays={selected.weekendDays} onPick={setPicked} />
              </Spin>
            </Card>
          ) : (
            !calendars.loading && (
              <Empty description={t('calendars.emptyHint')}>
                <Button type="primary" icon={<CloudDownloadOutlined />} onClick={() => setImportOpen(true)}>
                  {t('calendars.importChina')}
                </Button>
              </Empty>
            )
          )}
        </Col>
      </Row>

      <FormDrawer<CalendarForm>
        open={editing !== null}
        title={editing === 'new' ? t('calendars.create') : t('calendars.edit')}
        initialValues={editing && editing !== 'new' ? { code: editing.code, name: editing.name, weekendDays: editing.weekendDays } : { weekendDays: [6, 0], shared: false }}
        onClose={() => setEditing(null)}
        onSubmit={save}
        size={480}
      >
        <Form.Item name="code" label={t('calendars.code')} rules={[{ required: true, whitespace: true }, { pattern: /^[A-Za-z0-9_.-]+$/, message: t('shifts.codePattern') }]}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="name" label={t('calendars.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="weekendDays" label={t('calendars.weekendDays')} extra={t('calendars.weekendDaysHint')}>
          <Checkbox.Group options={WEEKDAYS.map((d) => ({ value: Number(d), label: t(`setupCommon.weekdays.${d}`) }))} />
        </Form.Item>
        {editing === 'new' && me.role === 'admin' && (
          <Form.Item name="shared" label={t('calendars.sharedSwitch')} valuePropName="checked" extra={t('calendars.sharedHint')}>
            <Switch />
          </Form.Item>
        )}
      </FormDrawer>

      {selected && <DayModal calendar={selected} date={picked} day={picked ? (byDate.get(picked) ?? null) : null} onClose={() => setPicked(null)} onSaved={() => void loadDays()} />}
      <ImportChinaModal
        open={importOpen}
        calendar={selected}
        year={year}
        onClose={() => setImportOpen(false)}
        onImported={(r) => {
          setSelectedId(r.calendarId);
          calendars.reload();
          void loadDays();
        }}
      />
    </PageContainer>
  );
}

function DayModal({ calendar, date, day, onClose, onSaved }: { calendar: HolidayCalendar; date: string | null; day: CalendarDay | null; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ dayType: DayType; name?: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const weekday = date ? dayjs(date).day() : 0;
  const natural = calendar.weekendDays.includes(weekday) ? t('calendars.weekend') : t('calendars.dayTypes.workday');

  useEffect(() => {
    if (date) {
      setError(null);
      form.setFieldsValue({ dayType: day?.dayType ?? (calendar.weekendDays.includes(weekday) ? 'rest_day' : 'statutory_holiday'), name: day?.name ?? '' });
    }
  }, [date, day, calendar.weekendDays, weekday, form]);

  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !date) return;
    setBusy(true);
    setError(null);
    try {
      await put(`/holiday-calendars/${calendar.id}/days`, { days: [{ date, dayType: v.dayType, name: v.name?.trim() || null }] });
      message.success(t('common.saved'));
      onSaved();
      onClose();
    } catch (err) {
      const problems = fieldProblems(err);
      if (!problems.length) setError(errorText(t, err));
      else {
        applyFieldErrors(form, err, t);
        setError(problems.map((p) => p.message).join('; '));
      }
    } finally {
      setBusy(false);
    }
  };

  const reset = async () => {
    if (!date) return;
    setBusy(true);
    try {
      await api.delete(`/holiday-calendars/${calendar.id}/days/${date}`);
      message.success(t('calendars.dayReset'));
      onSaved();
      onClose();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={date !== null}
      title={date ? t('calendars.editDay', { date, weekday: t(`setupCommon.weekdays.${weekday}`) }) : ''}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          {day && (
            <Popconfirm title={t('calendars.resetDayConfirm')} description={t('calendars.resetDayHint', { natural })} onConfirm={() => reset()}>
              <Button danger loading={busy}>
                {t('calendars.resetDay')}
              </Button>
            </Popconfirm>
          )}
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={() => void save()}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">
        {day
          ? t('calendars.dayListed', { source: day.source === 'manual' ? t('calendars.manual') : t('calendars.imported', { source: day.source }) })
          : t('calendars.dayUnlisted', { natural })}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical">
        <Form.Item name="dayType" label={t('calendars.dayType')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={DAY_TYPES.map((d) => ({ value: d, label: t(`calendars.dayTypes.${d}`) }))} />
        </Form.Item>
        <Form.Item name="name" label={t('calendars.dayName')} extra={t('calendars.dayNameHint')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t('calendars.manualHint')}</Typography.Text>
    </Modal>
  );
}

function ImportChinaModal({ open, calendar, year, onClose, onImported }: { open: boolean; calendar: HolidayCalendar | null; year: number; onClose(): void; onImported(r: ImportResult): void }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<'selected' | 'shared'>('selected');
  const [scope, setScope] = useState<'all' | 'year'>('all');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  // Each opening starts afresh (not when the calendar list reloads after an import).
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) {
      setResult(null);
      setError(null);
      setTarget(calendar ? 'selected' : 'shared');
    }
  }

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<ImportResult>('/holiday-calendars/import-china', {
        ...(target === 'selected' && calendar ? { calendarId: calendar.id } : {}),
        ...(scope === 'year' ? { years: [year] } : {}),
      });
      setResult(r);
      onImported(r);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('calendars.importChina')}
      onCancel={onClose}
      destroyOnHidden
      footer={<RunFooter done={!!result} busy={busy} runLabel={t('calendars.importRun')} onRun={() => void run()} onClose={onClose} />}
    >
      {result ? (
        <Result
          status="success"
          title={t('calendars.importDone')}
          subTitle={t('calendars.importYears', { years: result.years.length > 4 ? `${result.years[0]}–${result.years[result.years.length - 1]}` : result.years.join(t('calendars.listSep')) })}
        >
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label={t('calendars.inserted')}>{result.inserted}</Descriptions.Item>
            <Descriptions.Item label={t('calendars.updated')}>{result.updated}</Descriptions.Item>
            <Descriptions.Item label={t('calendars.unchanged')}>{result.unchanged}</Descriptions.Item>
            <Descriptions.Item label={t('calendars.keptManual')}>{result.keptManual}</Descriptions.Item>
          </Descriptions>
        </Result>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('calendars.importHint')}</Typography.Paragraph>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Form layout="vertical">
            <Form.Item label={t('calendars.importTarget')}>
              <Radio.Group value={target} onChange={(e) => setTarget(e.target.value as 'selected' | 'shared')}>
                <Space orientation="vertical">
                  {calendar && <Radio value="selected">{t('calendars.importIntoSelected', { name: calendar.name })}</Radio>}
                  <Radio value="shared">{t('calendars.importIntoShared')}</Radio>
                </Space>
              </Radio.Group>
            </Form.Item>
            <Form.Item label={t('calendars.importScope')}>
              <Select
                value={scope}
                onChange={setScope}
                style={{ width: 240 }}
                options={[
                  { value: 'all', label: t('calendars.importAllYears') },
                  { value: 'year', label: t('calendars.importOneYear', { year }) },
                ]}
              />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
