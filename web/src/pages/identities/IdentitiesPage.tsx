import { useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Modal } from 'antd';
import { LinkOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap } from '../../api/typed';
import { errorText } from '../../api/errors';
import type { Id, UnmatchedIdentity } from '../../api/types';
import { LINKABLE_PROVIDERS } from '../../../../src/shared/enums';
import { useResourceList } from '../../api/useResourceList';
import { useCompany } from '../../app/CompanyContext';
import { EmployeeSelect } from '../../components/EmployeeSelect';
import { PageContainer } from '../../components/PageContainer';
import { ResourceTable } from '../../components/ResourceTable';
import { formatInstant } from '../../components/format';

function LinkModal({
  identity,
  companyId,
  onClose,
  onLinked,
}: {
  identity: UnmatchedIdentity | null;
  companyId: Id;
  onClose(): void;
  onLinked(): void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [employeeId, setEmployeeId] = useState<Id | undefined>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setEmployeeId(undefined);
    setError(null);
    onClose();
  };

  const link = async () => {
    if (!identity || !employeeId) return;
    // Punches are linked by the identity kinds the server links by; another kind cannot be.
    const provider = LINKABLE_PROVIDERS.find((p) => p === identity.provider);
    if (!provider) return setError(t('errors.VALIDATION_FAILED'));
    setSaving(true);
    setError(null);
    try {
      const res = await unwrap(
        apiClient.POST('/api/v1/identities', {
          body: { companyId, employeeId, provider, tenant: identity.tenant, externalId: identity.externalId },
        }),
      );
      const count = res.attributedPunches;
      message.success(t('identities.linked', { count }));
      onLinked();
      close();
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={identity !== null}
      title={t('identities.linkTitle')}
      okText={t('identities.link')}
      okButtonProps={{ disabled: !employeeId, loading: saving }}
      onOk={() => void link()}
      onCancel={close}
      destroyOnHidden
    >
      {identity && (
        <Descriptions
          size="small"
          column={1}
          bordered
          style={{ marginBottom: 16 }}
          items={[
            { key: 'provider', label: t('identities.provider'), children: t(`providers.${identity.provider}`, { defaultValue: identity.provider }) },
            ...(identity.tenant ? [{ key: 'tenant', label: t('identities.tenant'), children: identity.tenant }] : []),
            { key: 'externalId', label: t('identities.externalId'), children: identity.externalId },
            { key: 'punchCount', label: t('identities.punchCount'), children: identity.punchCount },
          ]}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form layout="vertical">
        <Form.Item label={t('identities.employee')} required extra={t('identities.linkHint')}>
          <EmployeeSelect companyId={companyId} value={employeeId} onChange={(v) => setEmployeeId(v ?? undefined)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function IdentitiesPage() {
  const { t } = useTranslation();
  const { companyId, company } = useCompany();
  const list = useResourceList('/api/v1/identities/unmatched', { query: { companyId } }, { enabled: !!companyId });
  const [linking, setLinking] = useState<UnmatchedIdentity | null>(null);

  return (
    <PageContainer title={t('menu.identities')} needsCompany>
      <Alert type="info" showIcon title={t('identities.explain')} style={{ marginBottom: 16 }} />
      <ResourceTable<UnmatchedIdentity>
        list={list}
        rowKey={(r) => `${r.provider}|${r.tenant}|${r.externalId}`}
        columns={[
          {
            title: t('identities.provider'),
            dataIndex: 'provider',
            render: (p: string) => t(`providers.${p}`, { defaultValue: p }),
          },
          { title: t('identities.tenant'), dataIndex: 'tenant' },
          { title: t('identities.externalId'), dataIndex: 'externalId' },
          { title: t('identities.punchCount'), dataIndex: 'punchCount', align: 'right' },
          { title: t('identities.firstAt'), dataIndex: 'firstAtMs', render: (ms: number) => formatInstant(ms, company?.timeZone) },
          { title: t('identities.lastAt'), dataIndex: 'lastAtMs', render: (ms: number) => formatInstant(ms, company?.timeZone) },
          {
            title: t('common.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, row) => (
              <Button type="link" size="small" icon={<LinkOutlined />} onClick={() => setLinking(row)}>
                {t('identities.link')}
              </Button>
            ),
          },
        ]}
      />
      {companyId && (
        <LinkModal identity={linking} companyId={companyId} onClose={() => setLinking(null)} onLinked={list.reload} />
      )}
    </PageContainer>
  );
}
