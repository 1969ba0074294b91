import { useTranslation } from 'react-i18next';
import { PageContainer } from '../../components/PageContainer';
import { CheckinList } from './CheckinList';

export default function CheckinsPage() {
  const { t } = useTranslation();
  return (
    <PageContainer title={t('menu.punches')} needsCompany>
      <CheckinList />
    </PageContainer>
  );
}
