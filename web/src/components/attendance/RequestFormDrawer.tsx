import { Alert, DatePicker, Form, Input, Segmented, Select, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap, type RequestJson } from '../../api/typed';
import { useCompany } from '../../app/CompanyContext';
import { FormDrawer } from '../FormDrawer';
import { browserTimeZone } from '../format';
import { withRuleSentence } from './errors';
import { isValidZone, todayIn, UnknownZoneError } from '../zone-time';
import { requestBody, type RequestFormValues } from './request-body';
import type { LeaveRequest, RequestKind } from './types';
import { useLeaveTypes } from './useLookups';
import { LeaveCostPreview } from './LeaveCostPreview';

export interface RequestPreset {
  kind: RequestKind;
  /** The day the request is about (e.g. the day with a missing punch). */
  date?: string;
  /** A suggested time for a 补卡 (`HH:mm`). */
  time?: string;
  /** The leave type to start with (e.g. chosen from a balance). */
  leaveType?: string;
}

interface RequestFormDrawerProps {
  preset: RequestPreset | null;
  onClose(): void;
  onFiled(request: LeaveRequest): void;
}

/**
 * Files a leave, overtime or 补卡 request for oneself; the server's rules (quota, deadline) are said
 * under the field, and a leave shows what it will cost before it is sent.
 */
export function RequestFormDrawer({ preset, onClose, onFiled }: RequestFormDrawerProps) {
  const { t } = useTranslation();
  const { companyId, company } = useCompany();
  const leaveTypes = useLeaveTypes(companyId).filter((x) => x.active);
  const zone = company?.timeZone ?? browserTimeZone();
  const day = preset?.date ? dayjs(preset.date) : undefined;

  const zoneKnown = isValidZone(zone);
  const unknownZone = t('requests.unknownZone', { zone });

  const submit = async (v: RequestFormValues) => {
    let body: Record<string, unknown>;
    try {
      body = requestBody(v, zone);
    } catch (err) {
      // Times are converted in the company's zone; without it nothing is sent (never as UTC).
      throw err instanceof UnknownZoneError ? new Error(unknownZone) : err;
    }
    try {
      const created = await unwrap(apiClient.POST('/api/v1/requests', { body: body as RequestJson<'/api/v1/requests', 'post'> }));
      onFiled(created as LeaveRequest);
    } catch (err) {
      throw withRuleSentence(t, err);
    }
  };

  const today = dayjs(todayIn(zone));
  const initial: Partial<RequestFormValues> = {
    kind: preset?.kind ?? 'leave',
    half: 'none',
    leaveType: preset?.leaveType,
    fromDate: day ? [day, day] : undefined,
    overtimeDate: day,
    date: day,
    time: preset?.time ? dayjs(`2000-01-01T${preset.time}`) : undefined,
  };

  return (
    <FormDrawer<RequestFormValues>
      open={preset !== null}
      title={t('requests.new')}
      initialValues={initial}
      onClose={onClose}
      onSubmit={submit}
      submitText={t('requests.submit')}
    >
      {!zoneKnown && <Alert type="error" showIcon title={unknownZone} style={{ marginBottom: 16 }} />}
      <Form.Item name="kind" label={t('requests.kindLabel')}>
        <Segmented<RequestKind>
          options={(['leave', 'overtime', 'correction'] as const).map((k) => ({ value: k, label: t(`requests.kind.${k}`) }))}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['kind', 'leaveType', 'fromDate']}>
        {({ getFieldValue }) => {
          const kind = getFieldValue('kind') as RequestKind;
          if (kind === 'leave') {
            const unit = leaveTypes.find((x) => x.code === getFieldValue('leaveType'))?.unit;
            const range = getFieldValue('fromDate') as [Dayjs, Dayjs] | undefined;
            const oneDay = !!range && range[0].isSame(range[1], 'day');
            return (
              <>
                <Form.Item name="leaveType" label={t('requests.leaveType')} rules={[{ required: true, message: t('requests.rules.leaveType') }]}>
                  <Select
                    placeholder={t('requests.pickLeaveType')}
                    options={leaveTypes.map((x) => ({ value: x.code, label: `${x.name}（${t(`requests.unit.${x.unit}`)}）` }))}
                  />
                </Form.Item>
                <Form.Item name="fromDate" label={t('requests.dates')} rules={[{ required: true, message: t('requests.rules.dates') }]}>
                  <DatePicker.RangePicker style={{ width: '100%' }} />
                </Form.Item>
                {unit !== 'day' && oneDay && (
                  <Form.Item name="half" label={t('requests.halfLabel')} extra={t('requests.halfHint')}>
                    <Segmented
                      options={[
                        { value: 'none', label: t('requests.half.none') },
                        { value: 'am', label: t('requests.half.am') },
                        { value: 'pm', label: t('requests.half.pm') },
                      ]}
                    />
                  </Form.Item>
                )}
                {unit === 'hour' && oneDay && (
                  <Form.Item name="leaveWindow" label={t('requests.leaveWindow')} extra={t('requests.leaveWindowHint')}>
                    <TimePicker.RangePicker format="HH:mm" minuteStep={5} order={false} style={{ width: '100%' }} />
                  </Form.Item>
                )}
                <LeaveCostPreview />
              </>
            );
          }
          if (kind === 'overtime') {
            return (
              <>
                <Form.Item name="overtimeDate" label={t('requests.overtimeDate')} rules={[{ required: true, message: t('requests.rules.date') }]}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item
                  name="toMs"
                  label={t('requests.overtimeWindow')}
                  extra={t('requests.overtimeHint')}
                  rules={[{ required: true, message: t('requests.rules.window') }]}
                >
                  <TimePicker.RangePicker format="HH:mm" minuteStep={5} order={false} style={{ width: '100%' }} />
                </Form.Item>
              </>
            );
          }
          return (
            <>
              <Form.Item name="date" label={t('requests.correctionDate')} rules={[{ required: true, message: t('requests.rules.date') }]}>
                <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(today, 'day')} />
              </Form.Item>
              <Form.Item
                name="time"
                label={t('requests.correctionTime')}
                extra={t('requests.correctionHint', { zone })}
                rules={[{ required: true, message: t('requests.rules.time') }]}
              >
                <TimePicker format="HH:mm" minuteStep={1} style={{ width: '100%' }} />
              </Form.Item>
            </>
          );
        }}
      </Form.Item>
      <Form.Item noStyle dependencies={['kind']}>
        {({ getFieldValue }) => (
          <Form.Item
            name="reason"
            label={t('requests.reason')}
            rules={getFieldValue('kind') === 'correction' ? [{ required: true, whitespace: true, message: t('requests.rules.reason') }] : []}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        )}
      </Form.Item>
    </FormDrawer>
  );
}
