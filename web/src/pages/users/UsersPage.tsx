import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../components/PageContainer';
import { UsersTab } from './UsersTab';
import { TokensTab } from './TokensTab';

export default function UsersPage() {
  const { t } = useTranslation();
  return (
    <PageContainer title={t('menu.users')}>
      <Tabs
        items={[
          { key: 'users', label: t('users.tab'), children: <UsersTab /> },
          { key: 'tokens', label: t('tokens.tab'), children: <TokensTab /> },
        ]}
      />
    </PageContainer>
  );
}
