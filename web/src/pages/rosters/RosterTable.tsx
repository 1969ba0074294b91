import { Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Id } from '../../api/types';
import { CELL_W, NAME_W, REST, keyOf, type Cell, type Grid, type GridRow, type GridShift, type Value } from './rosterGrid';
import { RosterCell, type Shown } from './RosterCell';
import type { SpecialDays } from './useSpecialDays';

interface Props {
  grid: Grid;
  rows: GridRow[];
  specialDays: SpecialDays;
  departmentsById: ReadonlyMap<string, { name: string }>;
  shiftById: ReadonlyMap<string, GridShift>;
  choices: GridShift[];
  edits: ReadonlyMap<string, Value>;
  cellErrors: ReadonlyMap<string, string>;
  editable(cell: Cell | null): boolean;
  brush: Value | null;
  picking: string | null;
  onPicking(key: string | null): void;
  setCells(keys: string[], value: Value | null): void;
}

/** The month grid: employees down, dates across; a date or a name fills its column or row with the brush. */
export function RosterTable({ grid, rows, specialDays, departmentsById, shiftById, choices, edits, cellErrors, editable, brush, picking, onPicking, setCells }: Props) {
  const { t } = useTranslation();

  const display = (employeeId: Id, date: string, cell: Cell | null): Shown => {
    const k = keyOf(employeeId, date);
    const edited = edits.get(k);
    if (edited !== undefined) return { value: edited, edited: true, cycle: false };
    if (!cell) return { value: null, edited: false, cycle: false };
    if (cell.source === 'none') return { value: null, edited: false, cycle: false };
    return { value: cell.shiftTypeId === null ? REST : cell.shiftTypeId, edited: false, cycle: cell.source === 'cycle' };
  };

  const fillKeys = (keys: string[]) => {
    if (brush === null) return;
    setCells(keys, brush);
  };

  const today = dayjs().format('YYYY-MM-DD');
  return (
    <div className="daka-roster" style={{ overflow: 'auto', maxHeight: 'calc(100vh - 320px)', border: '1px solid #f0f0f0', borderRadius: 6 }}>
      <table style={{ borderCollapse: 'separate', borderSpacing: 0, fontSize: 12 }}>
        <thead>
          <tr>
            <th style={{ position: 'sticky', left: 0, top: 0, zIndex: 3, background: '#fafafa', minWidth: NAME_W, textAlign: 'left', padding: '6px 8px', borderBottom: '1px solid #f0f0f0' }}>
              {t('rosters.employee')}
            </th>
            {grid.dates.map((date) => {
              const d = dayjs(date);
              const special = specialDays.get(date);
              const holiday = special?.dayType === 'statutory_holiday' || special?.dayType === 'rest_day';
              const makeup = special?.dayType === 'makeup_workday';
              const weekend = special ? holiday : d.day() === 0 || d.day() === 6;
              const headTip = special ? [t(`calendars.dayTypes.${special.dayType}`), special.name].filter(Boolean).join(' · ') : undefined;
              return (
                <th
                  key={date}
                  onClick={() => brush !== null && fillKeys(rows.filter((r) => editable(r.cells[grid.dates.indexOf(date)])).map((r) => keyOf(r.employeeId, date)))}
                  title={[headTip, brush !== null ? t('rosters.fillColumn') : null].filter(Boolean).join(' · ') || undefined}
                  style={{
                    position: 'sticky',
                    top: 0,
                    zIndex: 2,
                    minWidth: CELL_W,
                    padding: '4px 0',
                    background: date === today ? '#e6f4ff' : special?.dayType === 'statutory_holiday' ? '#fff1f0' : weekend ? '#fff7e6' : '#fafafa',
                    borderBottom: '1px solid #f0f0f0',
                    cursor: brush !== null ? 'copy' : 'default',
                    fontWeight: 500,
                  }}
                >
                  <div style={{ color: special?.dayType === 'statutory_holiday' ? '#cf1322' : undefined }}>{d.date()}</div>
                  <div style={{ color: special?.dayType === 'statutory_holiday' ? '#cf1322' : weekend || makeup ? '#d46b08' : 'rgba(0,0,0,0.45)', fontWeight: makeup ? 600 : 400 }}>
                    {special?.dayType === 'statutory_holiday' ? t('rosters.holidayMark') : makeup ? t('calendars.workMark') : t(`setupCommon.weekdaysMin.${d.day()}`)}
                  </div>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={String(r.employeeId)}>
              <td
                onClick={() => brush !== null && fillKeys(grid.dates.filter((_, i) => editable(r.cells[i])).map((date) => keyOf(r.employeeId, date)))}
                title={brush !== null ? t('rosters.fillRow') : undefined}
                style={{ position: 'sticky', left: 0, zIndex: 1, background: '#fff', padding: '4px 8px', borderBottom: '1px solid #f0f0f0', cursor: brush !== null ? 'copy' : 'default', whiteSpace: 'nowrap' }}
              >
                <div>{r.name}</div>
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                  {r.jobNumber}
                  {r.departmentId != null && departmentsById.get(String(r.departmentId)) ? ` · ${departmentsById.get(String(r.departmentId))!.name}` : ''}
                </Typography.Text>
              </td>
              {r.cells.map((cell, i) => {
                const date = grid.dates[i];
                const shown = display(r.employeeId, date, cell);
                const shift = shown.value !== null && shown.value !== REST ? shiftById.get(String(shown.value)) : undefined;
                return (
                  <RosterCell
                    key={date}
                    row={r}
                    date={date}
                    cell={cell}
                    can={editable(cell)}
                    shown={shown}
                    shift={shift}
                    error={cellErrors.get(keyOf(r.employeeId, date))}
                    brush={brush}
                    choices={choices}
                    picking={picking}
                    onPicking={onPicking}
                    setCells={setCells}
                  />
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
