import { lazy, Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Layout, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../auth/AuthContext';
import { PageErrorBoundary } from '../components/PageErrorBoundary';
import { ChangePasswordModal } from './lazy-parts';
import { PAGES } from './pages';
import { PhoneTabBar } from './PhoneTabBar';
import { usePhone } from './usePhone';

const DesktopLayout = lazy(() => import('./DesktopLayout'));

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const { refresh } = useAuth();
  const [changingPassword, setChangingPassword] = useState(false);
  const mustChangePassword = !!me.mustChangePassword;
  const navigate = useNavigate();
  const location = useLocation();
  const phone = usePhone();

  const passwordModal = (
    <ChangePasswordModal
      open={mustChangePassword || changingPassword}
      forced={mustChangePassword}
      onCancel={() => setChangingPassword(false)}
      onDone={() => {
        setChangingPassword(false);
        void refresh();
      }}
    />
  );
  const page = (
    <PageErrorBoundary resetKey={location.pathname}>
      <Suspense fallback={<Spin className="daka-page-spin" />}>
        <Outlet />
      </Suspense>
    </PageErrorBoundary>
  );

  // Below the md breakpoint (768 px): no sidebar, a title bar and a bottom tab bar for the thumb.
  if (phone) {
    const title = PAGES.find((p) => `/${p.path}` === location.pathname)?.titleKey;
    return (
      <Layout className="daka-shell daka-phone">
        <Layout.Header className="daka-header daka-phone-header">
          <div className="daka-logo" onClick={() => navigate('/')}>
            {t('app.logo')}
          </div>
          <span className="daka-phone-title">{title ? t(title) : t('app.name')}</span>
        </Layout.Header>
        <Layout.Content className="daka-content daka-phone-content">{page}</Layout.Content>
        <PhoneTabBar />
        {passwordModal}
      </Layout>
    );
  }

  return (
    <>
      <Suspense fallback={<Spin className="daka-page-spin" size="large" />}>
        <DesktopLayout page={page} onChangePassword={() => setChangingPassword(true)} />
      </Suspense>
      {passwordModal}
    </>
  );
}
