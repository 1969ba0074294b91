import { Popover, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { readableOn } from '../../components/setup/ShiftTag';
import { CELL_W, REST, keyOf, type Cell, type GridRow, type GridShift, type Value } from './rosterGrid';
import { ShiftPicker } from './ShiftPicker';

/** What a cell shows: its edit if any, else what is saved (an entry, or a day of the cycle). */
export interface Shown {
  value: Value | null;
  edited: boolean;
  cycle: boolean;
}

interface Props {
  row: GridRow;
  date: string;
  cell: Cell | null;
  /** In view of the group filter: cells of another group are shown but cannot be changed. */
  can: boolean;
  shown: Shown;
  shift: GridShift | undefined;
  error: string | undefined;
  brush: Value | null;
  choices: GridShift[];
  picking: string | null;
  onPicking(key: string | null): void;
  setCells(keys: string[], value: Value | null): void;
}

/** One employee's day: a click paints it with the brush, or opens the shift picker. */
export function RosterCell({ row, date, cell, can, shown, shift, error, brush, choices, picking, onPicking, setCells }: Props) {
  const { t } = useTranslation();
  const k = keyOf(row.employeeId, date);
  const { value, edited, cycle } = shown;
  const bg = !can ? 'repeating-linear-gradient(45deg,#fafafa,#fafafa 4px,#f0f0f0 4px,#f0f0f0 8px)' : shift ? (shift.color ?? '#1677ff') : value === REST ? '#f5f5f5' : '#fff';
  const label = shift ? shift.code : value === REST ? t('rosters.restShort') : '';
  const tip = !cell
    ? t('rosters.notInGroup')
    : !can
      ? t('rosters.otherGroup')
      : [date, shift ? `${shift.name}` : value === REST ? t('rosters.rest') : t('rosters.unset'), cycle ? t('rosters.fromCycle') : null, edited ? t('rosters.unsaved') : null, error].filter(Boolean).join(' · ');
  const inner = (
    <div
      role={can ? 'button' : undefined}
      tabIndex={can ? 0 : undefined}
      aria-label={tip}
      onClick={() => {
        if (!can) return;
        if (brush !== null) setCells([k], brush);
        else onPicking(k);
      }}
      onKeyDown={(e) => {
        if (!can || (e.key !== 'Enter' && e.key !== ' ')) return;
        e.preventDefault();
        if (brush !== null) setCells([k], brush);
        else onPicking(k);
      }}
      style={{
        height: 30,
        margin: 2,
        borderRadius: 4,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: bg,
        color: shift ? readableOn(shift.color ?? '#1677ff') : 'rgba(0,0,0,0.65)',
        opacity: cycle ? 0.55 : 1,
        fontStyle: cycle ? 'italic' : 'normal',
        outline: error ? '2px solid #ff4d4f' : edited ? '2px dashed #fa8c16' : undefined,
        outlineOffset: -2,
        cursor: can ? (brush !== null ? 'copy' : 'pointer') : 'not-allowed',
        overflow: 'hidden',
        whiteSpace: 'nowrap',
      }}
    >
      {label}
    </div>
  );
  return (
    <td style={{ padding: 0, borderBottom: '1px solid #f0f0f0', minWidth: CELL_W }}>
      {can && brush === null ? (
        <Popover
          trigger="click"
          open={picking === k}
          onOpenChange={(o) => onPicking(o ? k : null)}
          content={
            <ShiftPicker
              choices={choices}
              edited={edited}
              onPick={(v) => {
                setCells([k], v);
                onPicking(null);
              }}
            />
          }
          title={`${row.name} · ${date}`}
        >
          <Tooltip title={tip} mouseEnterDelay={0.5}>
            {inner}
          </Tooltip>
        </Popover>
      ) : (
        <Tooltip title={tip} mouseEnterDelay={0.5}>
          {inner}
        </Tooltip>
      )}
    </td>
  );
}
