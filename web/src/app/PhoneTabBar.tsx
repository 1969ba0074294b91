import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/AuthContext';
import { phoneTabsFor } from './phone-tabs';

export function PhoneTabBar() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <nav className="daka-tabbar" aria-label={t('layout.tabs')}>
      {phoneTabsFor(me.role).map((tab) => {
        const active = pathname === `/${tab.path}`;
        return (
          <button key={tab.path} type="button" className={active ? 'daka-tab daka-tab-active' : 'daka-tab'} aria-current={active ? 'page' : undefined} onClick={() => navigate(`/${tab.path}`)}>
            <span className="daka-tab-icon">{tab.icon}</span>
            <span className="daka-tab-label">{t(tab.titleKey)}</span>
          </button>
        );
      })}
    </nav>
  );
}
