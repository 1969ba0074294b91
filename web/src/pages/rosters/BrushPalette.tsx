import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { readableOn } from '../../components/setup/ShiftTag';
import { REST, type GridShift, type Value } from './rosterGrid';

/** The brush: a shift (or rest) that clicks on cells, rows and columns fill in. */
export function BrushPalette({ choices, brush, onBrush }: { choices: GridShift[]; brush: Value | null; onBrush(value: Value | null): void }) {
  const { t } = useTranslation();
  return (
    <Space wrap size={6}>
      <Typography.Text type="secondary">{t('rosters.brush')}</Typography.Text>
      <Tag.CheckableTag checked={brush === null} onChange={() => onBrush(null)}>
        {t('rosters.brushNone')}
      </Tag.CheckableTag>
      {choices.map((s) => (
        <Tag.CheckableTag
          key={String(s.id)}
          checked={brush !== null && String(brush) === String(s.id)}
          onChange={() => onBrush(s.id)}
          style={brush !== null && String(brush) === String(s.id) ? { background: s.color ?? '#1677ff', color: readableOn(s.color ?? '#1677ff') } : { borderColor: s.color ?? '#d9d9d9' }}
        >
          {s.code} {s.name}
        </Tag.CheckableTag>
      ))}
      <Tag.CheckableTag checked={brush === REST} onChange={() => onBrush(REST)}>
        {t('rosters.rest')}
      </Tag.CheckableTag>
    </Space>
  );
}
