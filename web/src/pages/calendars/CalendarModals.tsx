/** The calendar page's dialogs: edit one day, import China's holidays. */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Popconfirm, Radio, Result, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText, fieldProblems } from '../../api/errors';
import { apiClient, unwrap, type ResponseJson } from '../../api/typed';
import type { HolidayCalendar } from '../../components/setup/data';
import type { CalendarDay, DayType } from './YearView';
import { RunFooter } from '../../components/RunFooter';

export type ImportResult = ResponseJson<'/api/v1/holiday-calendars/import-china', 'post'>;

const DAY_TYPES: DayType[] = ['statutory_holiday', 'rest_day', 'makeup_workday', 'workday'];


export function DayModal({ calendar, date, day, onClose, onSaved }: { calendar: HolidayCalendar; date: string | null; day: CalendarDay | null; onClose(): void; onSaved(): void }) {
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
      await unwrap(apiClient.PUT('/api/v1/holiday-calendars/{id}/days', { params: { path: { id: calendar.id } }, body: { days: [{ date, dayType: v.dayType, name: v.name?.trim() || null }] } }));
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
      await unwrap(apiClient.DELETE('/api/v1/holiday-calendars/{id}/days/{date}', { params: { path: { id: calendar.id, date } } }));
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

export function ImportChinaModal({ open, calendar, year, onClose, onImported }: { open: boolean; calendar: HolidayCalendar | null; year: number; onClose(): void; onImported(r: ImportResult): void }) {
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
      const r = await unwrap(
        apiClient.POST('/api/v1/holiday-calendars/import-china', {
          body: { ...(target === 'selected' && calendar ? { calendarId: calendar.id } : {}), ...(scope === 'year' ? { years: [year] } : {}) },
        }),
      );
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
