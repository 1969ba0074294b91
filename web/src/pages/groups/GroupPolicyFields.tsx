/** The attendance-group policy form: punch rules, overtime per day category, corrections. */
import { Col, Collapse, Form, InputNumber, Radio, Row, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Policy } from '../../components/setup/data';
import { HhmmPicker, HhmmRange, MinutesInput } from '../../components/setup/TimeInputs';

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
  webPunch: { enabled: false, location: 'required', maxAccuracyM: 100, fieldWork: false, photo: 'off' },
};

export const POLICY_PANELS = ['punch', 'overtime', 'corrections'] as const;

export function panelOf(path: string): (typeof POLICY_PANELS)[number] {
  if (path.includes('.overtime')) return 'overtime';
  if (path.includes('.corrections')) return 'corrections';
  return 'punch';
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

export function PolicyFields({ active, setActive }: { active: string[]; setActive(keys: string[]): void }) {
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
