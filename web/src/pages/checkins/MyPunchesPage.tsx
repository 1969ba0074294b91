import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/AuthContext';
import { PageContainer } from '../../components/PageContainer';
import { CheckinList } from './CheckinList';

export default function MyPunchesPage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <PageContainer title={t('menu.myPunches')}>
      {me.employeeId ? <CheckinList employeeId={me.employeeId} /> : <Empty description={t('checkins.noEmployeeLink')} />}
    </PageContainer>
  );
}
