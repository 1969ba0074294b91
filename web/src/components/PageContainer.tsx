import type { ReactNode } from 'react';
import { Empty, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCompany } from '../app/CompanyContext';

interface PageContainerProps {
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  /** Pages that list one company's data show a hint instead when no company exists or is chosen. */
  needsCompany?: boolean;
}

export function PageContainer({ title, extra, children, needsCompany }: PageContainerProps) {
  const { t } = useTranslation();
  const { companyId, loading } = useCompany();
  const missingCompany = needsCompany && !loading && !companyId;
  return (
    <div>
      <div className="daka-page-header">
        <Typography.Title level={4}>{title}</Typography.Title>
        {!missingCompany && extra}
      </div>
      {/* A plain panel, not antd's Card: Card brings its tabs, menu and dropdown to every page. */}
      <div className="daka-page-body">{missingCompany ? <Empty description={t('layout.noCompany')} /> : children}</div>
    </div>
  );
}
