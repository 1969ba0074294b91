import { TreeSelect, type TreeSelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DepartmentNode } from '../api/useDepartments';
import type { Id } from '../api/types';

interface TreeOption {
  value: Id;
  title: string;
  disabled?: boolean;
  children?: TreeOption[];
}

function toOptions(nodes: DepartmentNode[], disabled: Set<string>, inactive: string): TreeOption[] {
  return nodes.map((n) => ({
    value: n.id,
    title: n.active ? n.name : `${n.name}（${inactive}）`,
    disabled: disabled.has(String(n.id)),
    children: n.children ? toOptions(n.children, disabled, inactive) : undefined,
  }));
}

interface DepartmentSelectProps extends Omit<TreeSelectProps<Id>, 'treeData'> {
  tree: DepartmentNode[];
  /** Departments (by `String(id)`) that cannot be picked (e.g. a department's own subtree when choosing its parent). */
  disabledIds?: Set<string>;
}

export function DepartmentSelect({ tree, disabledIds, ...rest }: DepartmentSelectProps) {
  const { t } = useTranslation();
  return (
    <TreeSelect<Id>
      allowClear
      showSearch
      treeDefaultExpandAll
      treeNodeFilterProp="title"
      placeholder={t('departments.pick')}
      treeData={toOptions(tree, disabledIds ?? new Set(), t('common.inactive'))}
      {...rest}
    />
  );
}
