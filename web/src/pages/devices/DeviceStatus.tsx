import { Badge, Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Device } from './types';

export function DeviceStatusCell({ device }: { device: Device }) {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      {device.status !== 'disabled' && (
        <Badge status={device.online ? 'success' : 'default'} text={device.online ? t('devices.online') : t('devices.offline')} />
      )}
      {device.status === 'pending' && <Tag color="warning">{t('devices.status.pending')}</Tag>}
      {device.status === 'disabled' && <Tag>{t('devices.status.disabled')}</Tag>}
      {device.limitHit && (
        <Tooltip title={t(`devices.limitHitHint.${device.limitHit}`)}>
          <Tag color="error">{t(`devices.limitHit.${device.limitHit}`)}</Tag>
        </Tooltip>
      )}
    </Space>
  );
}

export { RelativeTime } from '../../components/setup/RelativeTime';
