import { useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors';
import { TOKEN_SCOPES, sameId, type ApiToken, type Id, type User } from '../../api/types';
import { apiClient, fetchAllOf, unwrap, type ResponseJson } from '../../api/typed';
import { useResourceList } from '../../api/useResourceList';
import { FormDrawer } from '../../components/FormDrawer';
import { ResourceTable } from '../../components/ResourceTable';
import { formatInstant } from '../../components/format';

interface TokenForm {
  name: string;
  scopes: ApiToken['scopes'];
  expiresAt?: Dayjs | null;
}

/** The new token with its secret, shown once. */
type CreatedToken = ResponseJson<'/api/v1/tokens', 'post'>;

export function TokensTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = useResourceList('/api/v1/tokens', {});
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [users, setUsers] = useState<User[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    fetchAllOf('/api/v1/users', {}, controller.signal).then(setUsers, () => setUsers([]));
    return () => controller.abort();
  }, []);
  const ownerName = (id: Id) => {
    const u = users.find((x) => sameId(x.id, id));
    return u ? u.displayName || u.username : `#${String(id)}`;
  };

  const create = async (v: TokenForm) => {
    const res = await unwrap(
      apiClient.POST('/api/v1/tokens', {
        body: { name: v.name.trim(), scopes: v.scopes, ...(v.expiresAt ? { expiresAtMs: v.expiresAt.endOf('day').valueOf() } : {}) },
      }),
    );
    setCreated(res);
    list.reload();
  };

  const revoke = async (token: ApiToken) => {
    try {
      await unwrap(apiClient.DELETE('/api/v1/tokens/{id}', { params: { path: { id: token.id } } }));
      message.success(t('tokens.revoked', { name: token.name }));
      list.reload();
    } catch (err) {
      message.error(errorText(t, err));
    }
  };

  return (
    <>
      <div className="daka-filters" style={{ display: 'flex', justifyContent: 'space-between', gap: 16 }}>
        <Typography.Text type="secondary">{t('tokens.explain')}</Typography.Text>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('tokens.create')}
        </Button>
      </div>
      <ResourceTable<ApiToken>
        list={list}
        columns={[
          { title: t('tokens.name'), dataIndex: 'name' },
          { title: t('tokens.owner'), dataIndex: 'userId', render: (id: Id | undefined) => (id != null ? ownerName(id) : '') },
          {
            title: t('tokens.scopes'),
            dataIndex: 'scopes',
            render: (scopes: string[]) => (
              <Space size={4} wrap>
                {scopes.map((s) => (
                  <Tag key={s}>{s}</Tag>
                ))}
              </Space>
            ),
          },
          { title: t('tokens.createdAt'), dataIndex: 'createdAtMs', render: (v: number) => formatInstant(v) },
          {
            title: t('tokens.lastUsedAt'),
            dataIndex: 'lastUsedAtMs',
            render: (v: number | null) => (v ? formatInstant(v) : t('tokens.neverUsed')),
          },
          {
            title: t('tokens.expiresAt'),
            dataIndex: 'expiresAtMs',
            render: (v: number | null) => (v ? formatInstant(v) : t('tokens.noExpiry')),
          },
          {
            title: t('common.status'),
            key: 'status',
            render: (_, row) =>
              row.revokedAtMs ? (
                <Tag>{t('tokens.revokedAt', { at: formatInstant(row.revokedAtMs) })}</Tag>
              ) : row.expiresAtMs && row.expiresAtMs <= Date.now() ? (
                <Tag color="warning">{t('tokens.expired')}</Tag>
              ) : (
                <Tag color="success">{t('tokens.valid')}</Tag>
              ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, row) =>
              row.revokedAtMs ? null : (
                <Popconfirm
                  title={t('tokens.revokeConfirm', { name: row.name })}
                  description={t('tokens.revokeHint')}
                  onConfirm={() => revoke(row)}
                >
                  <Button type="link" size="small" danger>
                    {t('tokens.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <FormDrawer<TokenForm>
        open={creating}
        title={t('tokens.create')}
        initialValues={{ scopes: [] }}
        onClose={() => setCreating(false)}
        onSubmit={create}
        submitText={t('tokens.createSubmit')}
      >
        <Form.Item name="name" label={t('tokens.name')} rules={[{ required: true, whitespace: true }]} extra={t('tokens.nameHint')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="scopes"
          label={t('tokens.scopes')}
          extra={t('tokens.scopesHint')}
          rules={[{ required: true, type: 'array', min: 1 }]}
        >
          <Select
            mode="multiple"
            options={TOKEN_SCOPES.map((s) => ({ value: s, label: `${s} · ${t(`tokens.scope.${s.replace(':', '_')}`)}` }))}
          />
        </Form.Item>
        <Form.Item name="expiresAt" label={t('tokens.expiresAt')} extra={t('tokens.expiresHint')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(new Date(), 'day')} />
        </Form.Item>
      </FormDrawer>
      <Modal
        open={created !== null}
        title={t('tokens.createdTitle')}
        closable={false}
        mask={{ closable: false }}
        footer={
          <Button type="primary" onClick={() => setCreated(null)}>
            {t('tokens.savedIt')}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t('tokens.shownOnce')} style={{ marginBottom: 16 }} />
        {created && (
          <Typography.Paragraph copyable={{ text: created.secret }} code style={{ wordBreak: 'break-all' }}>
            {created.secret}
          </Typography.Paragraph>
        )}
      </Modal>
    </>
  );
}
