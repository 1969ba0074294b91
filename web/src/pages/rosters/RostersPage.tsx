import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, DatePicker, Empty, Popover, Select, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { ClearOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorText, fieldProblems, problemText } from '../../api/errors';
import type { Id } from '../../api/types';
import { apiClient, fetchAllOf, unwrap, type ResponseJson } from '../../api/typed';
import { useDepartments } from '../../api/useDepartments';
import { useCompany } from '../../app/CompanyContext';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { PageContainer } from '../../components/PageContainer';
import { useGroups, useShiftTypes } from '../../components/setup/data';
import { readableOn } from '../../components/setup/ShiftTag';

type Grid = ResponseJson<'/api/v1/rosters'>;
type GridShift = Grid['shiftTypes'][number];
type Cell = NonNullable<Grid['rows'][number]['cells'][number]>;

/** What a brush or a picked cell sets: a shift type id, or REST (a rostered day off). */
const REST = 'rest';
type Value = Id | typeof REST;
const keyOf = (employeeId: Id, date: string) => `${employeeId}|${date}`;

const CELL_W = 44;
const NAME_W = 150;

export default function RostersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { companyId } = useCompany();
  const departments = useDepartments(companyId);
  const groups = useGroups(companyId);
  // Only active shifts can be rostered; the grid also names inactive ones already in place.
  const activeShifts = useShiftTypes(companyId);
  const rosterGroups = groups.items.filter((g) => g.kind === 'roster');
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const [departmentId, setDepartmentId] = useState<Id | undefined>();
  const [groupId, setGroupId] = useState<Id | undefined>();
  const [grid, setGrid] = useState<Grid | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [edits, setEdits] = useState<Map<string, Value>>(new Map());
  const [cellErrors, setCellErrors] = useState<Map<string, string>>(new Map());
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [brush, setBrush] = useState<Value | null>(null);
  const [picking, setPicking] = useState<string | null>(null);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      if (!companyId) return;
      setLoading(true);
      setLoadError(null);
      try {
        const g = await unwrap(
          apiClient.GET('/api/v1/rosters', {
            params: { query: { companyId, from: month.startOf('month').format('YYYY-MM-DD'), to: month.endOf('month').format('YYYY-MM-DD'), departmentId } },
            signal,
          }),
        );
        setGrid(g);
      } catch (err) {
        if (!signal?.aborted) setLoadError(err);
      } finally {
        if (!signal?.aborted) setLoading(false);
      }
    },
    [companyId, month, departmentId],
  );

  useEffect(() => {
    const c = new AbortController();
    setEdits(new Map());
    setCellErrors(new Map());
    setSaveError(null);
    void load(c.signal);
    return () => c.abort();
  }, [load]);

  const shiftById = useMemo(() => new Map((grid?.shiftTypes ?? []).map((s) => [String(s.id), s])), [grid]);
  const choices: GridShift[] = activeShifts.items;
  const rows = useMemo(
    () => (grid?.rows ?? []).filter((r) => groupId === undefined || r.cells.some((c) => c && String(c.groupId) === String(groupId))),
    [grid, groupId],
  );
  // The holiday calendar of the roster groups in view, when they share one: its holidays and
  // make-up workdays mark the date headers (HR rosters around 春节 and 国庆 with them in sight).
  const calendarId = useMemo(() => {
    const ids = new Set(
      rosterGroups.filter((g) => groupId === undefined || String(g.id) === String(groupId)).map((g) => g.holidayCalendarId),
    );
    return ids.size === 1 ? ([...ids][0] ?? null) : null;
  }, [rosterGroups, groupId]);
  const [specialDays, setSpecialDays] = useState<Map<string, { dayType: string; name: string | null }>>(new Map());
  useEffect(() => {
    if (!calendarId) return setSpecialDays(new Map());
    const c = new AbortController();
    fetchAllOf(
      '/api/v1/holiday-calendars/{id}/days',
      { path: { id: calendarId }, query: { from: month.startOf('month').format('YYYY-MM-DD'), to: month.endOf('month').format('YYYY-MM-DD') } },
      c.signal,
    ).then(
      (days) => setSpecialDays(new Map(days.map((d) => [d.date, d]))),
      () => setSpecialDays(new Map()),
    );
    return () => c.abort();
  }, [calendarId, month]);

  const editable = (cell: Cell | null) => cell !== null && (groupId === undefined || String(cell.groupId) === String(groupId));

  const setCells = (keys: string[], value: Value | null) => {
    setEdits((prev) => {
      const next = new Map(prev);
      for (const k of keys) {
        if (value === null) next.delete(k);
        else next.set(k, value);
      }
      return next;
    });
    setCellErrors((prev) => {
      if (!prev.size) return prev;
      const next = new Map(prev);
      keys.forEach((k) => next.delete(k));
      return next;
    });
  };

  const save = async () => {
    if (!grid || !companyId || edits.size === 0) return;
    const keys = [...edits.keys()];
    const entries = keys.map((k) => {
      const [employeeId, date] = k.split('|');
      const v = edits.get(k)!;
      return { employeeId: Number(employeeId), date, shiftTypeId: v === REST ? null : Number(v) };
    });
    setSaving(true);
    setSaveError(null);
    try {
      const r = await unwrap(apiClient.PUT('/api/v1/rosters', { body: { companyId, entries } }));
      message.success(t('rosters.saved', { n: r.saved, employees: r.employees }));
      setEdits(new Map());
      setCellErrors(new Map());
      await load();
    } catch (err) {
      const problems = fieldProblems(err);
      const errs = new Map<string, string>();
      const other: string[] = [];
      for (const p of problems) {
        const m = /entries\[(\d+)\]/.exec(p.path);
        if (m && keys[Number(m[1])]) errs.set(keys[Number(m[1])], problemText(t, p));
        else other.push(problemText(t, p));
      }
      setCellErrors(errs);
      setSaveError(errs.size ? t('rosters.cellProblems', { n: errs.size }) + (other.length ? ` ${other.join('; ')}` : '') : err instanceof ApiError && problems.length ? other.join('; ') : errorText(t, err));
    } finally {
      setSaving(false);
    }
  };

  const display = (employeeId: Id, date: string, cell: Cell | null) => {
    const k = keyOf(employeeId, date);
    const edited = edits.get(k);
    if (edited !== undefined) return { value: edited, edited: true, cycle: false };
    if (!cell) return { value: null, edited: false, cycle: false };
    if (cell.source === 'none') return { value: null, edited: false, cycle: false };
    return { value: cell.shiftTypeId === null ? REST : cell.shiftTypeId, edited: false, cycle: cell.source === 'cycle' };
  };

  const pickerContent = (k: string) => (
    <Space orientation="vertical" size={4} style={{ minWidth: 160 }}>
      {choices.map((s) => (
        <Button
          key={String(s.id)}
          block
          size="small"
          style={{ background: s.color ?? undefined, color: readableOn(s.color), textAlign: 'left' }}
          onClick={() => {
            setCells([k], s.id);
            setPicking(null);
          }}
        >
          {s.code} · {s.name}
        </Button>
      ))}
      <Button
        block
        size="small"
        onClick={() => {
          setCells([k], REST);
          setPicking(null);
        }}
      >
        {t('rosters.rest')}
      </Button>
      {edits.has(k) && (
        <Button
          block
          size="small"
          type="link"
          icon={<UndoOutlined />}
          onClick={() => {
            setCells([k], null);
            setPicking(null);
          }}
        >
          {t('rosters.undoCell')}
        </Button>
      )}
    </Space>
  );

  const fillKeys = (keys: string[]) => {
    if (brush === null) return;
    setCells(keys, brush);
  };

  const palette = (
    <Space wrap size={6}>
      <Typography.Text type="secondary">{t('rosters.brush')}</Typography.Text>
      <Tag.CheckableTag checked={brush === null} onChange={() => setBrush(null)}>
        {t('rosters.brushNone')}
      </Tag.CheckableTag>
      {choices.map((s) => (
        <Tag.CheckableTag
          key={String(s.id)}
          checked={brush !== null && String(brush) === String(s.id)}
          onChange={() => setBrush(s.id)}
          style={brush !== null && String(brush) === String(s.id) ? { background: s.color ?? '#1677ff', color: readableOn(s.color ?? '#1677ff') } : { borderColor: s.color ?? '#d9d9d9' }}
        >
          {s.code} {s.name}
        </Tag.CheckableTag>
      ))}
      <Tag.CheckableTag checked={brush === REST} onChange={() => setBrush(REST)}>
        {t('rosters.rest')}
      </Tag.CheckableTag>
    </Space>
  );

  const today = dayjs().format('YYYY-MM-DD');
  return (
    <PageContainer
      title={t('menu.rosters')}
      needsCompany
      extra={
        <Space>
          <Button icon={<UndoOutlined />} disabled={!edits.size || saving} onClick={() => { setEdits(new Map()); setCellErrors(new Map()); setSaveError(null); }}>
            {t('rosters.discard')}
          </Button>
          <Button type="primary" icon={<SaveOutlined />} disabled={!edits.size} loading={saving} onClick={() => void save()}>
            {t('rosters.save', { n: edits.size })}
          </Button>
        </Space>
      }
    >
      <Space wrap className="daka-filters">
        <DatePicker picker="month" allowClear={false} value={month} onChange={(m) => m && setMonth(m.startOf('month'))} />
        <DepartmentSelect tree={departments.tree} style={{ width: 200 }} placeholder={t('employees.allDepartments')} value={departmentId} onChange={(v) => setDepartmentId(v ?? undefined)} />
        <Select<Id>
          allowClear
          style={{ width: 200 }}
          placeholder={t('rosters.allGroups')}
          value={groupId}
          onChange={setGroupId}
          options={rosterGroups.map((g) => ({ value: g.id, label: g.name }))}
        />
      </Space>
      <div style={{ marginBottom: 12 }}>{palette}</div>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
        {brush === null ? t('rosters.hintPick') : t('rosters.hintBrush')}
      </Typography.Paragraph>
      {loadError != null && <Alert type="error" showIcon title={errorText(t, loadError)} style={{ marginBottom: 12 }} />}
      {saveError && <Alert type="error" showIcon title={saveError} style={{ marginBottom: 12 }} />}
      <Spin spinning={loading}>
        {grid && rows.length === 0 ? (
          <Empty description={rosterGroups.length ? t('rosters.noRows') : t('rosters.noRosterGroups')} />
        ) : (
          grid && (
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
                          {r.departmentId != null && departments.byId.get(String(r.departmentId)) ? ` · ${departments.byId.get(String(r.departmentId))!.name}` : ''}
                        </Typography.Text>
                      </td>
                      {r.cells.map((cell, i) => {
                        const date = grid.dates[i];
                        const k = keyOf(r.employeeId, date);
                        const can = editable(cell);
                        const { value, edited, cycle } = display(r.employeeId, date, cell);
                        const shift = value !== null && value !== REST ? shiftById.get(String(value)) : undefined;
                        const error = cellErrors.get(k);
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
                              else setPicking(k);
                            }}
                            onKeyDown={(e) => {
                              if (!can || (e.key !== 'Enter' && e.key !== ' ')) return;
                              e.preventDefault();
                              if (brush !== null) setCells([k], brush);
                              else setPicking(k);
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
                          <td key={date} style={{ padding: 0, borderBottom: '1px solid #f0f0f0', minWidth: CELL_W }}>
                            {can && brush === null ? (
                              <Popover
                                trigger="click"
                                open={picking === k}
                                onOpenChange={(o) => setPicking(o ? k : null)}
                                content={pickerContent(k)}
                                title={`${r.name} · ${date}`}
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
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        )}
      </Spin>
      {grid && rows.length > 0 && (
        <Space size={16} style={{ marginTop: 12 }} wrap>
          <Typography.Text type="secondary">{t('rosters.legendCycle')}</Typography.Text>
          <Typography.Text type="secondary">{t('rosters.legendEdited')}</Typography.Text>
          <Typography.Text type="secondary">{t('rosters.legendBlocked')}</Typography.Text>
          {brush !== null && (
            <Button size="small" type="link" icon={<ClearOutlined />} onClick={() => setBrush(null)}>
              {t('rosters.brushNone')}
            </Button>
          )}
        </Space>
      )}
    </PageContainer>
  );
}
