import { Alert, Button, Col, Collapse, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { RequestJson } from '../../api/typed';
import { TimeZoneSelect } from '../../components/TimeZoneSelect';
import { OWNED_FIELDS, type ApprovalKind, type Connector, type ConnectorSettings, type Owner, type Platform } from './types';

export interface ConnectorFormValues {
  platform: Platform;
  name: string;
  corpId: string;
  appKey?: string;
  agentId?: string | null;
  appSecret?: string;
  callbackToken?: string;
  encodingAesKey?: string;
  baseUrl?: string | null;
  settings: Omit<ConnectorSettings, 'templateKinds' | 'budgetWarnAt'> & { budgetWarnPct?: number };
  templates?: { code: string; kind: ApprovalKind }[];
}

export function toFormValues(c: Connector | null): Partial<ConnectorFormValues> {
  if (!c) return { platform: 'dingtalk', settings: { recentDays: 1, approvalDays: 7, budgetLimit: 10000, budgetWarnPct: 80, fieldOwnership: {} }, templates: [] };
  const { templateKinds, budgetWarnAt, ...settings } = c.settings;
  return {
    platform: c.platform,
    name: c.name,
    corpId: c.corpId,
    appKey: c.appKey,
    agentId: c.agentId,
    baseUrl: c.baseUrl,
    settings: { ...settings, budgetWarnPct: budgetWarnAt !== undefined ? Math.round(budgetWarnAt * 100) : undefined },
    templates: Object.entries(templateKinds ?? {}).map(([code, kind]) => ({ code, kind })),
  };
}

type CreateBody = RequestJson<'/api/v1/connectors', 'post'>;
type UpdateBody = RequestJson<'/api/v1/connectors/{id}', 'patch'>;

function settingsBody(v: ConnectorFormValues): NonNullable<UpdateBody['settings']> {
  const { budgetWarnPct, ...settings } = v.settings ?? {};
  const ownership = Object.fromEntries(Object.entries(settings.fieldOwnership ?? {}).filter(([, o]) => o));
  return {
    ...(settings.timeZone ? { timeZone: settings.timeZone } : {}),
    fieldOwnership: ownership,
    templateKinds: Object.fromEntries((v.templates ?? []).filter((x) => x?.code?.trim()).map((x) => [x.code.trim(), x.kind])),
    jobNumberAttrs: settings.jobNumberAttrs ?? [],
    ...(settings.recentDays != null ? { recentDays: settings.recentDays } : {}),
    ...(settings.approvalDays != null ? { approvalDays: settings.approvalDays } : {}),
    ...(settings.budgetLimit != null ? { budgetLimit: settings.budgetLimit } : {}),
    ...(budgetWarnPct != null ? { budgetWarnAt: budgetWarnPct / 100 } : {}),
    ...(settings.callbackMaxSkewSec != null ? { callbackMaxSkewSec: settings.callbackMaxSkewSec } : {}),
  };
}

/** The changes to a connector; secrets only when typed (they are write-only and never prefilled). */
export function toUpdateBody(v: ConnectorFormValues): UpdateBody {
  return {
    name: v.name.trim(),
    corpId: v.corpId.trim(),
    ...(v.appKey?.trim() ? { appKey: v.appKey.trim() } : {}),
    agentId: v.agentId?.trim() || null,
    ...(v.appSecret ? { appSecret: v.appSecret } : {}),
    ...(v.callbackToken ? { callbackToken: v.callbackToken } : {}),
    ...(v.encodingAesKey ? { encodingAesKey: v.encodingAesKey.trim() } : {}),
    baseUrl: v.baseUrl?.trim() || null,
    settings: settingsBody(v),
  };
}

/** A new connector of the company (the form requires its secrets when creating). */
export function toCreateBody(v: ConnectorFormValues, companyId: number): CreateBody {
  return {
    companyId,
    platform: v.platform,
    name: v.name.trim(),
    corpId: v.corpId.trim(),
    ...(v.appKey?.trim() ? { appKey: v.appKey.trim() } : {}),
    ...(v.agentId?.trim() ? { agentId: v.agentId.trim() } : {}),
    appSecret: v.appSecret ?? '',
    callbackToken: v.callbackToken ?? '',
    encodingAesKey: v.encodingAesKey?.trim() ?? '',
    ...(v.baseUrl?.trim() ? { baseUrl: v.baseUrl.trim() } : {}),
    settings: settingsBody(v),
  };
}

function SecretField({ name, label, isSet, last4, creating, extra, pattern }: { name: string; label: string; isSet: boolean; last4?: string; creating: boolean; extra?: string; pattern?: RegExp }) {
  const { t } = useTranslation();
  const setText = isSet ? (last4 ? t('connectors.secretSetLast4', { last4 }) : t('connectors.secretSet')) : t('connectors.secretNotSet');
  return (
    <Form.Item
      name={name}
      label={
        <Space size={6}>
          <span>{label}</span>
          {!creating && <Typography.Text type={isSet ? 'success' : 'warning'} style={{ fontSize: 12 }}>{setText}</Typography.Text>}
        </Space>
      }
      extra={extra ?? (!creating && isSet ? t('connectors.secretKeepHint') : undefined)}
      rules={[...(creating ? [{ required: true, message: t('setupCommon.required') }] : []), ...(pattern ? [{ pattern, message: t('connectors.aesKeyPattern') }] : [])]}
    >
      <Input.Password autoComplete="new-password" placeholder={!creating && isSet ? t('connectors.secretPlaceholder') : undefined} visibilityToggle />
    </Form.Item>
  );
}

export function ConnectorFields({ editing }: { editing: Connector | null }) {
  const { t } = useTranslation();
  const creating = editing === null;
  const platform = Form.useWatch<Platform>('platform') ?? editing?.platform ?? 'dingtalk';
  return (
    <>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="platform" label={t('connectors.platform')}>
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              disabled={!creating}
              options={[
                { value: 'dingtalk', label: t('connectors.platforms.dingtalk') },
                { value: 'wecom', label: t('connectors.platforms.wecom') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="name" label={t('connectors.name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="corpId" label={t(`connectors.corpId.${platform}`)} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={128} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="appKey"
            label={t(`connectors.appKey.${platform}`)}
            extra={platform === 'wecom' ? t('connectors.appKeyWecomHint') : undefined}
            rules={platform === 'dingtalk' && creating ? [{ required: true, whitespace: true }] : []}
          >
            <Input maxLength={128} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="agentId" label={t('connectors.agentId')} extra={t('connectors.agentIdHint')} rules={[{ pattern: /^\d{1,20}$/, message: t('connectors.agentIdPattern') }]}>
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <SecretField name="appSecret" label={t(`connectors.appSecret.${platform}`)} isSet={!!editing?.hasSecret} last4={editing?.appSecretLast4} creating={creating} />
        </Col>
        <Col span={12}>
          <SecretField name="callbackToken" label={t('connectors.callbackToken')} isSet={!!editing?.hasCallbackToken} creating={creating} />
        </Col>
        <Col span={12}>
          <SecretField name="encodingAesKey" label={t('connectors.encodingAesKey')} isSet={!!editing?.hasEncodingAesKey} creating={creating} pattern={/^[A-Za-z0-9+/]{43}$/} />
        </Col>
      </Row>
      {editing && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('connectors.callbackUrl')}
          description={<Typography.Text copyable>{`${window.location.origin}${editing.callbackPath}`}</Typography.Text>}
        />
      )}
      <Collapse
        items={[
          {
            key: 'sync',
            label: t('connectors.sectionSync'),
            forceRender: true,
            children: (
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item name={['settings', 'timeZone']} label={t('common.timeZone')} extra={t('connectors.timeZoneHint')}>
                    <TimeZoneSelect />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={['settings', 'recentDays']} label={t('connectors.recentDays')} tooltip={t('connectors.recentDaysHint')}>
                    <InputNumber min={0} max={6} precision={0} style={{ width: '100%' }} suffix={t('setupCommon.dayUnit')} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={['settings', 'approvalDays']} label={t('connectors.approvalDays')} tooltip={t('connectors.approvalDaysHint')}>
                    <InputNumber min={0} max={120} precision={0} style={{ width: '100%' }} suffix={t('setupCommon.dayUnit')} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['settings', 'budgetLimit']} label={t('connectors.budgetLimit')} tooltip={t('connectors.budgetLimitHint')}>
                    <InputNumber min={1} precision={0} style={{ width: '100%' }} suffix={t('connectors.callsUnit')} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['settings', 'budgetWarnPct']} label={t('connectors.budgetWarnAt')}>
                    <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} suffix="%" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="baseUrl" label={t('connectors.baseUrl')} extra={t('connectors.baseUrlHint')}>
                    <Input maxLength={300} placeholder="https://" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['settings', 'callbackMaxSkewSec']} label={t('connectors.callbackMaxSkewSec')}>
                    <InputNumber min={30} max={3600} precision={0} style={{ width: '100%' }} suffix={t('setupCommon.secUnit')} />
                  </Form.Item>
                </Col>
                {platform === 'wecom' && (
                  <Col span={24}>
                    <Form.Item name={['settings', 'jobNumberAttrs']} label={t('connectors.jobNumberAttrs')} extra={t('connectors.jobNumberAttrsHint')}>
                      <Select mode="tags" tokenSeparators={[',', '，']} open={false} />
                    </Form.Item>
                  </Col>
                )}
              </Row>
            ),
          },
          {
            key: 'ownership',
            label: t('connectors.sectionOwnership'),
            forceRender: true,
            children: (
              <>
                <Typography.Paragraph type="secondary">{t('connectors.ownershipHint')}</Typography.Paragraph>
                <Row gutter={16}>
                  {OWNED_FIELDS.map((f) => (
                    <Col span={12} key={f}>
                      <Form.Item name={['settings', 'fieldOwnership', f]} label={t(`connectors.fields.${f}`)}>
                        <Select
                          allowClear
                          placeholder={t('connectors.ownerDefault')}
                          options={[
                            { value: 'daka' as Owner, label: t('connectors.ownerDaka') },
                            { value: 'platform' as Owner, label: t('connectors.ownerPlatform') },
                          ]}
                        />
                      </Form.Item>
                    </Col>
                  ))}
                </Row>
              </>
            ),
          },
          {
            key: 'templates',
            label: t('connectors.sectionTemplates'),
            forceRender: true,
            children: (
              <>
                <Typography.Paragraph type="secondary">{t(`connectors.templatesHint.${platform}`)}</Typography.Paragraph>
                <Form.List name="templates">
                  {(fields, { add, remove }) => (
                    <>
                      {fields.map((f) => (
                        <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
                          <Form.Item name={[f.name, 'code']} rules={[{ required: true, whitespace: true }]} style={{ width: 300 }}>
                            <Input placeholder={t(`connectors.templateCode.${platform}`)} maxLength={128} />
                          </Form.Item>
                          <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}>
                            <Select style={{ width: 140 }} options={(['leave', 'correction', 'overtime'] as const).map((k) => ({ value: k, label: t(`connectors.approvalKinds.${k}`) }))} />
                          </Form.Item>
                          <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('setupCommon.remove')} />
                        </Space>
                      ))}
                      <Button icon={<PlusOutlined />} onClick={() => add({ code: '', kind: 'leave' })}>
                        {t('connectors.addTemplate')}
                      </Button>
                    </>
                  )}
                </Form.List>
              </>
            ),
          },
        ]}
      />
    </>
  );
}
