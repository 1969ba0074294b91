import { Suspense, lazy, useLayoutEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { AuthProvider, useAuth } from '../auth/AuthContext';
import { CompanyProvider } from './CompanyContext';
import { antdLocales, type Language } from './i18n';
import { ChangePasswordModal, StatusResult } from './lazy-parts';
import { AppLayout } from './AppLayout';
import { PAGES, pagesFor } from './pages';
import { dropPrerender, isPrerenderedRoute } from './prerender';

const LoginPage = lazy(() => import('../auth/LoginPage'));

/** Everything behind the login: unauthenticated visitors go to /login and come back after. */
function Gate() {
  const { user, refresh } = useAuth();
  const location = useLocation();
  if (user === undefined) return <Spin className="daka-page-spin" size="large" />;
  if (user === null) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  // A password someone else set opens nothing but the change itself (the server refuses the rest).
  if (user.mustChangePassword) return <ChangePasswordModal open forced onCancel={() => {}} onDone={() => void refresh()} />;
  return (
    <CompanyProvider>
      <AppLayout />
    </CompanyProvider>
  );
}

function Landing() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const first = user ? pagesFor(user.role)[0] : undefined;
  if (first) return <Navigate to={`/${first.path}`} replace />;
  return <StatusResult status="info" title={t('layout.nothingYet')} subTitle={t('layout.nothingYetHint')} />;
}

function Forbidden() {
  const { t } = useTranslation();
  return <StatusResult status="403" title="403" subTitle={t('errors.FORBIDDEN')} />;
}

function NotFound() {
  const { t } = useTranslation();
  return <StatusResult status="404" title="404" subTitle={t('layout.notFound')} />;
}

function AppRoutes() {
  const { user } = useAuth();
  const { pathname } = useLocation();
  // The server's drawing of the employee's home stays only while that page is the one coming.
  useLayoutEffect(() => {
    if (!isPrerenderedRoute(pathname) || user === null) dropPrerender();
  }, [pathname, user]);
  return (
    <Routes>
      <Route
        path="/login"
        element={
          <Suspense fallback={<Spin className="daka-page-spin" size="large" />}>
            <LoginPage />
          </Suspense>
        }
      />
      <Route element={<Gate />}>
        <Route index element={<Landing />} />
        {PAGES.map((page) => {
          const Page = page.component;
          const allowed = !!user && page.roles.includes(user.role);
          return <Route key={page.path} path={page.path} element={allowed ? <Page /> : <Forbidden />} />;
        })}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

export function App() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider
      locale={antdLocales[i18n.language as Language] ?? antdLocales['zh-CN']}
      theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}
    >
      <AntApp>
        <BrowserRouter>
          <AuthProvider>
            <AppRoutes />
          </AuthProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
