import { useEffect, useState } from 'react';
import { DatePicker, Input, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { fetchAllOf } from '../../api/typed';
import type { AuditEntry, Id, User } from '../../api/types';
import { useResourceList } from '../../api/useResourceList';
import { JsonDiff } from '../../components/JsonDiff';
import { PageContainer } from '../../components/PageContainer';
import { ResourceTable } from '../../components/ResourceTable';
import { formatInstant } from '../../components/format';

/** Actions are `<entity>.<verb>` (`company.update`, `auth.login`); the verb says what happened. */
const verbOf = (action: string) => action.slice(action.lastIndexOf('.') + 1);

function actionColor(verb: string): string | undefined {
  if (/create|import|^link|auto_link/.test(verb)) return 'green';
  if (/delete|revoke|deactivate|unlink|lockout|failed/.test(verb)) return 'red';
  if (/update|change|reset/.test(verb)) return 'blue';
  if (/login|logout/.test(verb)) return 'purple';
  return undefined;
}

export default function AuditPage() {
  const { t } = useTranslation();
  const [entity, setEntity] = useState<string | undefined>();
  const [actorId, setActorId] = useState<Id | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs] | null>(null);
  const [users, setUsers] = useState<User[]>([]);

  useEffect(() => {
    const controller = new AbortController();
    fetchAllOf('/api/v1/users', {}, controller.signal).then(setUsers, () => setUsers([]));
    return () => controller.abort();
  }, []);

  const list = useResourceList(
    '/api/v1/audit',
    {
      query: {
        entity,
        actorId,
        // Whole days in the browser's zone.
        fromMs: range?.[0].startOf('day').valueOf(),
        toMs: range?.[1].endOf('day').valueOf(),
      },
    },
    { pageSize: 50 },
  );

  return (
    <PageContainer title={t('menu.audit')}>
      <Space wrap className="daka-filters">
        <Input.Search
          allowClear
          style={{ width: 200 }}
          placeholder={t('audit.entityFilter')}
          onSearch={(v) => setEntity(v.trim() || undefined)}
        />
        <Select<Id>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 200 }}
          placeholder={t('audit.allActors')}
          value={actorId}
          onChange={setActorId}
          options={users.map((u) => ({ value: u.id, label: u.displayName ? `${u.displayName} (${u.username})` : u.username }))}
        />
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)} />
      </Space>
      <ResourceTable<AuditEntry>
        list={list}
        expandable={{
          expandedRowRender: (row) => <JsonDiff before={row.before} after={row.after} />,
          rowExpandable: (row) => row.before != null || row.after != null,
        }}
        columns={[
          { title: t('audit.time'), dataIndex: 'atMs', width: 180, render: (ms: number) => formatInstant(ms) },
          {
            title: t('audit.actor'),
            key: 'actor',
            render: (_, r) => r.actorName ?? r.actorId ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            render: (a: string) => (
              <Tooltip title={a}>
                <Tag color={actionColor(verbOf(a))}>{t(`auditActions.${verbOf(a)}`, { defaultValue: a })}</Tag>
              </Tooltip>
            ),
          },
          {
            title: t('audit.entity'),
            key: 'entity',
            render: (_, r) => (
              <span>
                {t(`entities.${r.entity}`, { defaultValue: r.entity })}
                {r.entityId != null && r.entityId !== '' && (
                  // The entity's name when it still has one; its id in the tooltip.
                  <Tooltip title={`#${String(r.entityId)}`}>
                    <Typography.Text type="secondary" style={{ marginInlineStart: 8 }} data-entity-id={String(r.entityId)}>
                      {r.entityName ?? `#${String(r.entityId)}`}
                    </Typography.Text>
                  </Tooltip>
                )}
              </span>
            ),
          },
          { title: t('audit.company'), key: 'company', render: (_, r) => r.companyName ?? '' },
          { title: t('audit.ip'), dataIndex: 'ip' },
        ]}
      />
    </PageContainer>
  );
}
