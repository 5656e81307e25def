import { Input, Select, Space } from 'antd';
import { DatePicker } from '../../components/date-picker';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { UnitTreeSelect } from '../org/unit-tree';
import type { Cadre } from '../unit/unit-hooks';
import { useRegistryLabels, type EntryKind } from './registry-hooks';

export const REGISTRY_FILTERS = ['kind', 'q', 'campaignId', 'unitId', 'status', 'group', 'recommendation', 'assigned', 'lastVisitBefore'] as const;
export type RegistryFilter = (typeof REGISTRY_FILTERS)[number];

/** The filter row of the registry desk; every value lives in the URL (useTableParams). */
export function RegistryFilters({
  kind,
  filters,
  setFilter,
  campaignPicker,
  cadres,
}: {
  kind: EntryKind;
  filters: Record<RegistryFilter, string | undefined>;
  setFilter: (name: RegistryFilter, value: string | undefined) => void;
  campaignPicker: ReactNode;
  /** the cadres entries may be assigned to (managers and the office), for "assigned to" */
  cadres?: Cadre[];
}) {
  const labels = useRegistryLabels();
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      {campaignPicker}
      <Input.Search
        key={`${kind}-${filters.q ?? ''}`}
        allowClear
        aria-label="搜索"
        style={{ width: 240 }}
        placeholder={kind === 'person' ? '姓名、手机号或完整身份证号' : '单位名称或统一社会信用代码'}
        defaultValue={filters.q}
        onSearch={(v) => setFilter('q', v.trim() || undefined)}
      />
      <div style={{ width: 200 }} data-testid="registry-unit-filter">
        <UnitTreeSelect
          value={filters.unitId ? Number(filters.unitId) : undefined}
          onChange={(v) => setFilter('unitId', v ? String(v) : undefined)}
          placeholder="全部单位（本单位及下级）"
          allowClear
        />
      </div>
      <Select
        allowClear
        aria-label="状态"
        style={{ width: 140 }}
        placeholder="全部状态"
        value={filters.status}
        onChange={(v) => setFilter('status', v)}
        options={labels.status.options}
      />
      {kind === 'person' && (
        <>
          <Select
            allowClear
            aria-label="人员类别"
            style={{ width: 200 }}
            placeholder="全部人员类别"
            value={filters.group}
            onChange={(v) => setFilter('group', v)}
            options={labels.group.options}
            popupMatchSelectWidth={false}
          />
          <Select
            allowClear
            aria-label="推荐险种"
            style={{ width: 200 }}
            placeholder="全部推荐险种"
            value={filters.recommendation}
            onChange={(v) => setFilter('recommendation', v)}
            options={labels.recommendation.options}
          />
        </>
      )}
      <Select
        allowClear
        aria-label="分配情况"
        style={{ width: 160 }}
        placeholder="分配情况"
        value={filters.assigned}
        onChange={(v) => setFilter('assigned', v === undefined ? undefined : String(v))}
        options={[{ value: 'no', label: '未分配' }, ...(cadres ?? []).map((c) => ({ value: String(c.id), label: `已分给 ${c.displayName}` }))]}
        popupMatchSelectWidth={false}
      />
      <DatePicker
        aria-label="未走访起始日"
        placeholder="此日起未走访"
        value={filters.lastVisitBefore ? dayjs(filters.lastVisitBefore) : null}
        onChange={(d) => setFilter('lastVisitBefore', d ? d.format('YYYY-MM-DD') : undefined)}
      />
    </Space>
  );
}
