import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Avatar, Button, Card, List, Space, Tag, Typography } from 'antd';
import { KeyOutlined, LogoutOutlined, RightOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useAuth, useMe } from '../../auth/AuthContext';
import { ChangePasswordModal } from '../../auth/ChangePasswordModal';
import { CompanySwitch } from '../../app/CompanySwitch';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { pagesFor } from '../../app/pages';
import { phoneTabsFor } from '../../app/phone-tabs';
import { NotificationPrefsCard } from './NotificationPrefsCard';

/** 我的: who is signed in, company, language, notifications, password, sign-out, and every page the tab bar leaves out. */
export default function MePage() {
  const { t } = useTranslation();
  const me = useMe();
  const { logout } = useAuth();
  const navigate = useNavigate();
  const [changing, setChanging] = useState(false);
  const inTabs = new Set(phoneTabsFor(me.role).map((tab) => tab.path));
  const more = pagesFor(me.role).filter((p) => !p.hideInMenu && !inTabs.has(p.path));
  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card variant="borderless">
        <Space size={12} align="center" wrap>
          <Avatar size={48} style={{ background: '#1677ff' }}>
            {(me.displayName || me.username).slice(0, 1).toUpperCase()}
          </Avatar>
          <Space direction="vertical" size={0}>
            <Typography.Text strong>{me.displayName || me.username}</Typography.Text>
            <Tag color="blue">{t(`roles.${me.role}`)}</Tag>
          </Space>
        </Space>
        <div className="daka-me-row">
          <CompanySwitch />
        </div>
        <div className="daka-me-row">
          <LanguageSwitch />
        </div>
      </Card>
      {me.employeeId != null && <NotificationPrefsCard manager={me.role === 'manager'} />}
      {more.length > 0 && (
        <Card variant="borderless" title={t('me.more')}>
          <List
            dataSource={more}
            renderItem={(p) => (
              <List.Item className="daka-me-link" onClick={() => navigate(`/${p.path}`)} extra={<RightOutlined />}>
                {t(p.titleKey)}
              </List.Item>
            )}
          />
        </Card>
      )}
      <Card variant="borderless">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button block icon={<KeyOutlined />} onClick={() => setChanging(true)}>
            {t('password.title')}
          </Button>
          <Button block danger icon={<LogoutOutlined />} onClick={() => void logout()}>
            {t('auth.logout')}
          </Button>
        </Space>
      </Card>
      <ChangePasswordModal open={changing} forced={false} onCancel={() => setChanging(false)} onDone={() => setChanging(false)} />
    </Space>
  );
}
