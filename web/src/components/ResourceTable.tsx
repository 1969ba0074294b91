import { Alert, Table, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ResourceList } from '../api/useResourceList';
import { errorText } from '../api/errors';

export interface ResourceTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading'> {
  list: ResourceList<T>;
}

/** A table bound to `useResourceList`: server paging, loading state and load errors. */
export function ResourceTable<T extends object>({ list, rowKey, ...rest }: ResourceTableProps<T>) {
  const { t } = useTranslation();
  return (
    <>
      {list.error != null && (
        <Alert type="error" showIcon title={errorText(t, list.error)} style={{ marginBottom: 12 }} />
      )}
      <Table<T>
        size="middle"
        rowKey={rowKey ?? ('id' as keyof T & string)}
        dataSource={list.items}
        loading={list.loading}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: list.page,
          pageSize: list.pageSize,
          total: list.total,
          showSizeChanger: true,
          pageSizeOptions: [10, 20, 50, 100],
          showTotal: (total) => t('common.totalItems', { count: total }),
          onChange: (page, pageSize) => list.setPage(page, pageSize),
        }}
        {...rest}
      />
    </>
  );
}
