import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Tag, TreeSelect } from 'antd';
import { useCallback, useState } from 'react';
import { useMe } from '../../auth/auth-hooks';
import { childrenKey, fetchChildren, LEAF_LEVELS, useOrgUnit, type OrgUnit } from './org-hooks';

export interface UnitNode {
  key: number;
  value: number;
  title: React.ReactNode;
  unit: OrgUnit;
  isLeaf: boolean;
  disabled?: boolean;
  children?: UnitNode[];
}

/**
 * The tree under the caller's unit, loaded a level at a time (GET /api/org-units/:id/children) as nodes open.
 * Child lists live in react-query, so a change of the tree (which invalidates ['org-units']) redraws what is open.
 */
export function useLazyUnitTree({ activeOnly = false }: { activeOnly?: boolean } = {}) {
  const me = useMe().data;
  const root = useOrgUnit(me?.orgUnitId);
  const qc = useQueryClient();
  const [opened, setOpened] = useState<number[]>([]);
  const lists = useQueries({ queries: opened.map((id) => ({ queryKey: childrenKey(id), queryFn: () => fetchChildren(id), staleTime: 60_000 })) });
  const byParent = new Map(opened.map((id, i) => [id, lists[i]?.data]));

  const node = (u: OrgUnit): UnitNode => {
    const kids = byParent.get(u.id)?.filter((c) => !activeOnly || c.active);
    return {
      key: u.id,
      value: u.id,
      unit: u,
      title: u.active ? (
        u.name
      ) : (
        <span style={{ color: 'rgba(0,0,0,0.45)' }}>
          {u.name} <Tag>已停用</Tag>
        </span>
      ),
      isLeaf: LEAF_LEVELS.includes(u.level) || kids?.length === 0,
      children: kids?.map(node),
    };
  };

  const loadData = useCallback(
    async (id: number) => {
      await qc.fetchQuery({ queryKey: childrenKey(id), queryFn: () => fetchChildren(id), staleTime: 60_000 });
      setOpened((o) => (o.includes(id) ? o : [...o, id]));
    },
    [qc],
  );

  return { treeData: root.data ? [node(root.data)] : [], loadData, root };
}

/** Picks a unit of the caller's subtree from the lazily loaded tree (active units only). */
export function UnitTreeSelect({
  value,
  onChange,
  disabledIds = [],
  placeholder = '选择单位',
  id,
  allowClear,
}: {
  value?: number;
  /** undefined when cleared (allowClear) */
  onChange?: (v: number) => void;
  allowClear?: boolean;
  /** units that may not be picked, with their subtrees (a unit cannot move under itself) */
  disabledIds?: number[];
  placeholder?: string;
  id?: string;
}) {
  const { treeData, loadData } = useLazyUnitTree({ activeOnly: true });
  // the chosen unit's name even while its branch is not opened (labelInValue shows this label then)
  const chosen = useOrgUnit(value).data;
  // a disabled unit's subtree goes with it
  const mark = (nodes: UnitNode[], off = false): UnitNode[] =>
    nodes.map((n) => {
      const disabled = off || disabledIds.includes(n.key);
      return { ...n, disabled, children: n.children && mark(n.children, disabled) };
    });
  return (
    <TreeSelect<{ value: number; label?: React.ReactNode }>
      id={id}
      labelInValue
      value={value === undefined ? undefined : { value, label: chosen?.name ?? '…' }}
      onChange={(v) => onChange?.(v?.value as number)}
      allowClear={allowClear}
      treeData={mark(treeData)}
      loadData={(n) => loadData(Number(n.key))}
      placeholder={placeholder}
      treeDefaultExpandAll={false}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      showSearch={false}
    />
  );
}
