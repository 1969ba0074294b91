import { useState } from 'react';
import { App, Button, Space, Switch, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap } from '../../api/typed';
import { errorText } from '../../api/errors';
import { useResourceList } from '../../api/useResourceList';
import { useCompany } from '../../app/CompanyContext';
import { FormDrawer } from '../../components/FormDrawer';
import { PageContainer } from '../../components/PageContainer';
import { ResourceTable } from '../../components/ResourceTable';
import type { ShiftType } from '../../components/setup/data';
import { refineProblems } from '../../components/setup/problems';
import { NEW_SHIFT, type ShiftForm } from './shiftForm';
import { ShiftFields } from './ShiftFields';
import { shiftTypeColumns } from './shiftTypeColumns';

export default function ShiftTypesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { companyId } = useCompany();
  const [showInactive, setShowInactive] = useState(false);
  const list = useResourceList('/api/v1/shift-types', { query: { companyId, active: showInactive ? undefined : true } }, { enabled: !!companyId });
  const [editing, setEditing] = useState<ShiftType | 'new' | null>(null);

  const save = async ({ hasBreak, flexOn, ...v }: ShiftForm) => {
    const body = {
      code: v.code.trim(),
      name: v.name.trim(),
      color: v.color || null,
      start: v.start,
      end: v.end,
      crossesMidnight: !!v.crossesMidnight,
      break: hasBreak && v.break ? v.break : null,
      graceLateMin: v.graceLateMin,
      graceEarlyMin: v.graceEarlyMin,
      seriousLateMin: v.seriousLateMin,
      absenteeismLateMin: v.absenteeismLateMin,
      checkInEarliestMin: v.checkInEarliestMin,
      checkOutLatestMin: v.checkOutLatestMin,
      halfDayBelowMin: v.halfDayBelowMin,
      absentBelowMin: v.absentBelowMin,
      flex: flexOn && v.flex ? { lateMaxMin: v.flex.lateMaxMin, earlyMaxMin: v.flex.earlyMaxMin } : null,
    };
    try {
      if (editing === 'new') {
        if (companyId) await unwrap(apiClient.POST('/api/v1/shift-types', { body: { ...body, companyId } }));
      } else if (editing) await unwrap(apiClient.PATCH('/api/v1/shift-types/{id}', { params: { path: { id: editing.id } }, body }));
    } catch (err) {
      throw refineProblems(err);
    }
    list.reload();
  };

  const setActive = async (s: ShiftType, active: boolean) => {
    try {
      if (active) await unwrap(apiClient.PATCH('/api/v1/shift-types/{id}', { params: { path: { id: s.id } }, body: { active: true } }));
      else await unwrap(apiClient.DELETE('/api/v1/shift-types/{id}', { params: { path: { id: s.id } } }));
      message.success(active ? t('shifts.enabled', { name: s.name }) : t('shifts.disabled', { name: s.name }));
      list.reload();
    } catch (err) {
      message.error(errorText(t, err));
    }
  };

  const initial: Partial<ShiftForm> =
    editing && editing !== 'new'
      ? {
          ...editing,
          hasBreak: !!editing.break,
          flexOn: !!editing.flex,
          flex: editing.flex ?? NEW_SHIFT.flex,
        }
      : NEW_SHIFT;

  return (
    <PageContainer
      title={t('menu.shiftTypes')}
      needsCompany
      extra={
        <Space>
          <Space size={6}>
            <Switch size="small" checked={showInactive} onChange={setShowInactive} />
            <Typography.Text>{t('setupCommon.showInactive')}</Typography.Text>
          </Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('shifts.create')}
          </Button>
        </Space>
      }
    >
      <ResourceTable<ShiftType>
        list={list}
        // A width the laptop card holds (content wraps in its cells); narrower screens scroll inside the card.
        scroll={{ x: 1040 }}
        tableLayout="auto"
        columns={shiftTypeColumns({ t, onEdit: setEditing, onSetActive: setActive })}
      />
      <FormDrawer<ShiftForm>
        open={editing !== null}
        title={editing === 'new' ? t('shifts.create') : t('shifts.edit')}
        initialValues={initial}
        onClose={() => setEditing(null)}
        onSubmit={save}
        size={680}
      >
        <ShiftFields />
      </FormDrawer>
    </PageContainer>
  );
}
