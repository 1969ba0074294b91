/** The schedule editors of an attendance group: weekly shifts, a roster cycle, free hours. */
import { Button, Col, DatePicker, Form, Row, Select, Space, Switch, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Id } from '../../api/types';
import { WEEK_ORDER } from '../../components/setup/data';
import { HhmmPicker, MinutesInput, formatDuration } from '../../components/setup/TimeInputs';

export type ShiftOption = { value: Id; label: string; desc: string };

/** A shift in a picker list: its name, and its hours in grey. */
export function shiftOptionRender(o: { data: ShiftOption }) {
  return (
    <Space size={6}>
      <span>{o.data.label}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {o.data.desc}
      </Typography.Text>
    </Space>
  );
}

export function WeeklyRow({ shiftOptions }: { shiftOptions: ShiftOption[] }) {
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

export function CycleEditor({ shiftOptions }: { shiftOptions: ShiftOption[] }) {
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

export function FreeFields() {
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
