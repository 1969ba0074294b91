import { Button, Space } from 'antd';
import { UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { readableOn } from '../../components/setup/ShiftTag';
import { REST, type GridShift, type Value } from './rosterGrid';

/** What one cell can be set to, shown when a cell is clicked without a brush; null undoes its edit. */
export function ShiftPicker({ choices, edited, onPick }: { choices: GridShift[]; edited: boolean; onPick(value: Value | null): void }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={4} style={{ minWidth: 160 }}>
      {choices.map((s) => (
        <Button
          key={String(s.id)}
          block
          size="small"
          style={{ background: s.color ?? undefined, color: readableOn(s.color), textAlign: 'left' }}
          onClick={() => onPick(s.id)}
        >
          {s.code} · {s.name}
        </Button>
      ))}
      <Button block size="small" onClick={() => onPick(REST)}>
        {t('rosters.rest')}
      </Button>
      {edited && (
        <Button block size="small" type="link" icon={<UndoOutlined />} onClick={() => onPick(null)}>
          {t('rosters.undoCell')}
        </Button>
      )}
    </Space>
  );
}
