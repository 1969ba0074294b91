import { Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function show(v: unknown): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v, null, 2);
}

interface DiffRow {
  key: string;
  before: unknown;
  after: unknown;
  kind: 'added' | 'removed' | 'changed' | 'same';
}

/** Field-by-field comparison of an entity before and after a change; changed fields are highlighted. */
export function JsonDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t, i18n } = useTranslation();
  const b = isRecord(before) ? before : before == null ? {} : { value: before };
  const a = isRecord(after) ? after : after == null ? {} : { value: after };
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const rows: DiffRow[] = keys.map((key) => {
    const inB = key in b;
    const inA = key in a;
    const kind = !inB ? 'added' : !inA ? 'removed' : JSON.stringify(b[key]) === JSON.stringify(a[key]) ? 'same' : 'changed';
    return { key, before: b[key], after: a[key], kind };
  });
  // Changes first: that is what the reader came for.
  const order = { changed: 0, added: 1, removed: 2, same: 3 };
  rows.sort((x, y) => order[x.kind] - order[y.kind] || x.key.localeCompare(y.key));
  if (rows.length === 0) return <Typography.Text type="secondary">{t('audit.noData')}</Typography.Text>;

  return (
    <Table<DiffRow>
      className="daka-json-diff"
      size="small"
      pagination={false}
      dataSource={rows}
      rowClassName={(r) => (r.kind === 'same' ? '' : `daka-diff-${r.kind}`)}
      columns={[
        {
          title: t('audit.field'),
          dataIndex: 'key',
          width: 200,
          // The field's name in the reader's language; the stored key stays in the tooltip.
          render: (k: string) =>
            i18n.exists(`auditFields.${k}`) ? (
              <Tooltip title={k}>
                <span data-field={k}>{t(`auditFields.${k}`)}</span>
              </Tooltip>
            ) : (
              <Typography.Text code>{k}</Typography.Text>
            ),
        },
        { title: t('audit.before'), dataIndex: 'before', render: (v: unknown) => <pre>{show(v)}</pre> },
        { title: t('audit.after'), dataIndex: 'after', render: (v: unknown) => <pre>{show(v)}</pre> },
      ]}
    />
  );
}
