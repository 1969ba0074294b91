import { useMemo, useState } from 'react';
import { Alert, Button, DatePicker, Empty, Select, Space, Spin, Typography } from 'antd';
import { ClearOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors';
import type { Id } from '../../api/types';
import { useDepartments } from '../../api/useDepartments';
import { useCompany } from '../../app/CompanyContext';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { PageContainer } from '../../components/PageContainer';
import { useGroups, useShiftTypes } from '../../components/setup/data';
import { BrushPalette } from './BrushPalette';
import type { Cell, GridShift, Value } from './rosterGrid';
import { RosterTable } from './RosterTable';
import { useRosterGrid } from './useRosterGrid';
import { useSpecialDays } from './useSpecialDays';

export default function RostersPage() {
  const { t } = useTranslation();
  const { companyId } = useCompany();
  const departments = useDepartments(companyId);
  const groups = useGroups(companyId);
  // Only active shifts can be rostered; the grid also names inactive ones already in place.
  const activeShifts = useShiftTypes(companyId);
  const rosterGroups = groups.items.filter((g) => g.kind === 'roster');
  const [month, setMonth] = useState<Dayjs>(() => dayjs().startOf('month'));
  const [departmentId, setDepartmentId] = useState<Id | undefined>();
  const [groupId, setGroupId] = useState<Id | undefined>();
  const { grid, loading, loadError, edits, cellErrors, saveError, saving, setCells, discard, save } = useRosterGrid(companyId, month, departmentId);
  const [brush, setBrush] = useState<Value | null>(null);
  const [picking, setPicking] = useState<string | null>(null);

  const shiftById = useMemo(() => new Map((grid?.shiftTypes ?? []).map((s) => [String(s.id), s])), [grid]);
  const choices: GridShift[] = activeShifts.items;
  const rows = useMemo(
    () => (grid?.rows ?? []).filter((r) => groupId === undefined || r.cells.some((c) => c && String(c.groupId) === String(groupId))),
    [grid, groupId],
  );
  const specialDays = useSpecialDays(rosterGroups, groupId, month);

  const editable = (cell: Cell | null) => cell !== null && (groupId === undefined || String(cell.groupId) === String(groupId));

  return (
    <PageContainer
      title={t('menu.rosters')}
      needsCompany
      extra={
        <Space>
          <Button icon={<UndoOutlined />} disabled={!edits.size || saving} onClick={discard}>
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
      <div style={{ marginBottom: 12 }}>
        <BrushPalette choices={choices} brush={brush} onBrush={setBrush} />
      </div>
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
            <RosterTable
              grid={grid}
              rows={rows}
              specialDays={specialDays}
              departmentsById={departments.byId}
              shiftById={shiftById}
              choices={choices}
              edits={edits}
              cellErrors={cellErrors}
              editable={editable}
              brush={brush}
              picking={picking}
              onPicking={setPicking}
              setCells={setCells}
            />
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
