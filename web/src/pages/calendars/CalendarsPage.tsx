import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Empty, Form, Input, Popconfirm, Row, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import { CloudDownloadOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors';
import { apiClient, fetchAllOf, unwrap } from '../../api/typed';
import { sameId, type Id } from '../../api/types';
import { useMe } from '../../auth/AuthContext';
import { useCompany } from '../../app/CompanyContext';
import { FormDrawer } from '../../components/FormDrawer';
import { PageContainer } from '../../components/PageContainer';
import { useCalendars, type HolidayCalendar } from '../../components/setup/data';
import { Legend, YearView, type CalendarDay } from './YearView';
import { DayModal, ImportChinaModal } from './CalendarModals';

interface CalendarForm {
  code: string;
  name: string;
  weekendDays: number[];
  shared?: boolean;
}

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
      setDays(await fetchAllOf('/api/v1/holiday-calendars/{id}/days', { path: { id: selected.id }, query: { from: `${year}-01-01`, to: `${year}-12-31` } }));
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
      const c = await unwrap(apiClient.POST('/api/v1/holiday-calendars', { body: { ...body, companyId: v.shared ? null : companyId } }));
      setSelectedId(c.id);
    } else if (editing) await unwrap(apiClient.PATCH('/api/v1/holiday-calendars/{id}', { params: { path: { id: editing.id } }, body }));
    calendars.reload();
  };

  const remove = async (c: HolidayCalendar) => {
    try {
      await unwrap(apiClient.DELETE('/api/v1/holiday-calendars/{id}', { params: { path: { id: c.id } } }));
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
