import { Select, Space, Typography } from 'antd';
import { BankOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCompany } from './CompanyContext';
import type { Id } from '../api/types';

export function CompanySwitch() {
  const { t } = useTranslation();
  const { companies, companyId, setCompanyId } = useCompany();
  if (companies.length === 0) return null;
  if (companies.length === 1) {
    return (
      <Space size={6}>
        <BankOutlined />
        <Typography.Text>{companies[0].name}</Typography.Text>
      </Space>
    );
  }
  return (
    <Select<Id>
      aria-label={t('layout.company')}
      value={companyId ?? undefined}
      onChange={setCompanyId}
      style={{ minWidth: 180 }}
      prefix={<BankOutlined />}
      options={companies.map((c) => ({ value: c.id, label: c.name }))}
    />
  );
}
