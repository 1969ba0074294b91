import { useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Avatar, Dropdown, Layout, Menu, Space, Tag, type MenuProps } from 'antd';
import { KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../auth/AuthContext';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { MENU_GROUPS, pagesFor, type MenuGroup } from './pages';
import { CompanySwitch } from './CompanySwitch';

type MenuItem = Required<MenuProps>['items'][number];

function useMenuItems(): { items: MenuItem[]; groupOf: Map<string, MenuGroup> } {
  const me = useMe();
  const { t } = useTranslation();
  return useMemo(() => {
    const items: MenuItem[] = [];
    const children = new Map<MenuGroup, MenuItem[]>();
    const groupOf = new Map<string, MenuGroup>();
    for (const page of pagesFor(me.role)) {
      if (page.hideInMenu) continue;
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

/**
 * The shell from the md breakpoint up: the sidebar menu, the company and language switches and the
 * user menu. A module of its own, so a phone never loads the menu, dropdown and select code.
 */
export default function DesktopLayout({ page, onChangePassword }: { page: ReactNode; onChangePassword(): void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useAuth();
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
      if (key === 'password') onChangePassword();
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
        <Layout.Content className="daka-content">{page}</Layout.Content>
      </Layout>
    </Layout>
  );
}
