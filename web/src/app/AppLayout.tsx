import { Suspense, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { Avatar, Dropdown, Layout, Menu, Select, Space, Spin, Tag, Typography, type MenuProps } from 'antd';
import { BankOutlined, KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../auth/AuthContext';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { PageErrorBoundary } from '../components/PageErrorBoundary';
import { ChangePasswordModal } from '../auth/ChangePasswordModal';
import { MENU_GROUPS, pagesFor, type MenuGroup } from './pages';
import { useCompany } from './CompanyContext';
import type { Id } from '../api/types';

type MenuItem = Required<MenuProps>['items'][number];

function useMenuItems(): { items: MenuItem[]; groupOf: Map<string, MenuGroup> } {
  const me = useMe();
  const { t } = useTranslation();
  return useMemo(() => {
    const items: MenuItem[] = [];
    const children = new Map<MenuGroup, MenuItem[]>();
    const groupOf = new Map<string, MenuGroup>();
    for (const page of pagesFor(me.role)) {
      const key = `/${page.path}`;
      if (!page.group) {
        items.push({ key, label: t(page.titleKey), icon: page.icon });
        continue;
      }
      groupOf.set(key, page.group);
      let list = children.get(page.group);
      if (!list) {
        list = [];
        children.set(page.group, list);
        const group = MENU_GROUPS[page.group];
        items.push({ key: `group:${page.group}`, label: t(group.titleKey), icon: group.icon, children: list });
      }
      list.push({ key, label: t(page.titleKey) });
    }
    return { items, groupOf };
  }, [me.role, t]);
}

function CompanySwitch() {
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

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const { logout, refresh } = useAuth();
  const [changingPassword, setChangingPassword] = useState(false);
  const mustChangePassword = !!me.mustChangePassword;
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const { items, groupOf } = useMenuItems();
  const selected = location.pathname;
  const currentGroup = groupOf.get(selected);
  const [openKeys, setOpenKeys] = useState<string[]>([]);
  // Landing on a page (also via a redirect) opens its group so the selected item is visible.
  const [shownGroup, setShownGroup] = useState<string | undefined>(undefined);
  if (currentGroup !== shownGroup) {
    setShownGroup(currentGroup);
    if (currentGroup && !openKeys.includes(`group:${currentGroup}`)) setOpenKeys([...openKeys, `group:${currentGroup}`]);
  }

  const userMenu: MenuProps = {
    items: [
      { key: 'password', icon: <KeyOutlined />, label: t('password.title') },
      { type: 'divider' },
      { key: 'logout', icon: <LogoutOutlined />, label: t('auth.logout') },
    ],
    onClick: ({ key }) => {
      if (key === 'logout') void logout();
      if (key === 'password') setChangingPassword(true);
    },
  };

  return (
    <Layout className="daka-shell">
      <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={220} theme="dark">
        <div className="daka-brand" onClick={() => navigate('/')}>
          <div className="daka-logo">{t('app.logo')}</div>
          {!collapsed && <span className="daka-brand-name">{t('app.name')}</span>}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          items={items}
          selectedKeys={[selected]}
          openKeys={collapsed ? undefined : openKeys}
          onOpenChange={setOpenKeys}
          onClick={({ key }) => navigate(key)}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="daka-header">
          <div />
          <Space size={20}>
            <CompanySwitch />
            <LanguageSwitch />
            <Dropdown menu={userMenu} placement="bottomRight">
              <Space className="daka-user" size={8}>
                <Avatar size="small" style={{ background: '#1677ff' }}>
                  {(me.displayName || me.username).slice(0, 1).toUpperCase()}
                </Avatar>
                <span>{me.displayName || me.username}</span>
                <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                  {t(`roles.${me.role}`)}
                </Tag>
              </Space>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content className="daka-content">
          <PageErrorBoundary resetKey={location.pathname}>
            <Suspense fallback={<Spin className="daka-page-spin" />}>
              <Outlet />
            </Suspense>
          </PageErrorBoundary>
        </Layout.Content>
      </Layout>
      <ChangePasswordModal
        open={mustChangePassword || changingPassword}
        forced={mustChangePassword}
        onCancel={() => setChangingPassword(false)}
        onDone={() => {
          setChangingPassword(false);
          void refresh();
        }}
      />
    </Layout>
  );
}
