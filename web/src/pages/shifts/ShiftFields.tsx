import { Col, ColorPicker, Divider, Form, Input, Row, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { HhmmPicker, HhmmRange, MinutesInput, formatDuration } from '../../components/setup/TimeInputs';
import type { Knobs, ShiftForm } from './shiftForm';
import { workMinutes } from './workMinutes';

const PRESET_COLORS = ['#1677ff', '#13c2c2', '#52c41a', '#faad14', '#fa8c16', '#f5222d', '#eb2f96', '#722ed1', '#2f54eb', '#8c8c8c'];

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

/** The shift drawer's fields: name and colour, times and break, then the rule thresholds by section. */
export function ShiftFields() {
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
