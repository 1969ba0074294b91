import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, InputNumber, Select, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiClient, unwrap, type ListItem, type ResponseJson } from '../../api/typed';
import { ruleErrorText } from '../../components/attendance/errors';

type Policy = ResponseJson<'/api/v1/attendance-groups/{groupId}/overtime-compensation'>;
type Group = ListItem<'/api/v1/attendance-groups'>;
type Compensation = Policy['workday'];
const CATEGORIES = ['workday', 'restday', 'holiday'] as const;

interface Row {
  group: Group;
  saved: Policy;
  draft: Policy;
}

const same = (a: Policy, b: Policy) => CATEGORIES.every((c) => a[c] === b[c]) && a.creditExpiryDays === b.creditExpiryDays;

/**
 * 加班调休规则 (HR): per attendance group and overtime category, whether approved overtime is paid
 * or credited as 调休 hours, and how long credits last. Holiday overtime is paid by default
 * (Labour Law Art. 44: at least 300% pay); choosing 调休 for it is flagged.
 */
export function OvertimePolicyPanel({ companyId }: { companyId: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [saving, setSaving] = useState<number | null>(null);

  const load = useCallback(async () => {
    try {
      const groups = (await unwrap(apiClient.GET('/api/v1/attendance-groups', { params: { query: { companyId, active: true, pageSize: 200 } } }))).items;
      const policies = await Promise.all(groups.map((g) => unwrap(apiClient.GET('/api/v1/attendance-groups/{groupId}/overtime-compensation', { params: { path: { groupId: g.id } } }))));
      setRows(groups.map((group, i) => ({ group, saved: policies[i], draft: policies[i] })));
    } catch (err) {
      message.error(ruleErrorText(t, err));
      setRows([]);
    }
  }, [companyId, message, t]);
  useEffect(() => void load(), [load]);

  const edit = (groupId: number, change: Partial<Policy>) => setRows((rs) => rs && rs.map((r) => (r.group.id === groupId ? { ...r, draft: { ...r.draft, ...change } } : r)));
  const save = async (r: Row) => {
    setSaving(r.group.id);
    try {
      const { workday, restday, holiday, creditExpiryDays } = r.draft;
      const saved = await unwrap(apiClient.PUT('/api/v1/attendance-groups/{groupId}/overtime-compensation', { params: { path: { groupId: r.group.id } }, body: { workday, restday, holiday, creditExpiryDays } }));
      setRows((rs) => rs && rs.map((x) => (x.group.id === r.group.id ? { ...x, saved, draft: saved } : x)));
      message.success(t('common.saved'));
    } catch (err) {
      message.error(ruleErrorText(t, err));
    } finally {
      setSaving(null);
    }
  };

  const options = [
    { value: 'pay', label: t('overtimePolicy.pay') },
    { value: 'leave', label: t('overtimePolicy.leave') },
  ];
  return (
    <>
      <Alert type="info" showIcon title={t('overtimePolicy.intro')} description={t('overtimePolicy.holidayLaw')} style={{ marginBottom: 16 }} />
      <Table<Row>
        rowKey={(r) => r.group.id}
        size="small"
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={false}
        scroll={{ x: true }}
        columns={[
          { title: t('overtimePolicy.group'), key: 'group', render: (_: unknown, r) => r.group.name },
          ...CATEGORIES.map((c) => ({
            title: t(`overtimePolicy.categories.${c}`),
            key: c,
            render: (_: unknown, r: Row) => (
              <>
                <Select<Compensation> aria-label={`${r.group.name} ${t(`overtimePolicy.categories.${c}`)}`} size="small" value={r.draft[c]} options={options} onChange={(v) => edit(r.group.id, { [c]: v })} style={{ minWidth: 96 }} />
                {c === 'holiday' && r.draft.holiday === 'leave' && (
                  <div>
                    <Typography.Text type="warning">{t('overtimePolicy.holidayCredited')}</Typography.Text>
                  </div>
                )}
              </>
            ),
          })),
          {
            title: t('overtimePolicy.creditExpiry'),
            key: 'expiry',
            render: (_: unknown, r) => (
              <InputNumber<number>
                aria-label={`${r.group.name} ${t('overtimePolicy.creditExpiry')}`}
                size="small"
                min={0}
                max={3660}
                precision={0}
                value={r.draft.creditExpiryDays}
                onChange={(v) => edit(r.group.id, { creditExpiryDays: v ?? 0 })}
                suffix={t('leaveBalances.units.day')}
              />
            ),
          },
          {
            title: '',
            key: 'save',
            render: (_: unknown, r) => (
              <Button size="small" type="primary" disabled={same(r.draft, r.saved)} loading={saving === r.group.id} onClick={() => void save(r)}>
                {t('common.save')}
              </Button>
            ),
          },
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('overtimePolicy.expiryHint')}
      </Typography.Paragraph>
    </>
  );
}
