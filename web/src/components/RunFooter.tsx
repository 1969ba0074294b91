import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** Footer of a dialog that runs one action: cancel and run, then a single close once it is done. */
export function RunFooter({ done, busy, runLabel, onRun, onClose }: { done: boolean; busy: boolean; runLabel: string; onRun: () => void; onClose: () => void }) {
  const { t } = useTranslation();
  return done ? (
    <Button type="primary" onClick={onClose}>
      {t('common.close')}
    </Button>
  ) : (
    <Space>
      <Button onClick={onClose}>{t('common.cancel')}</Button>
      <Button type="primary" loading={busy} onClick={onRun}>
        {runLabel}
      </Button>
    </Space>
  );
}
