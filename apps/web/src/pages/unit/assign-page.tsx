import { App, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useMe } from '../../auth/auth-hooks';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { useTableParams } from '../../components/use-table-params';
import { useRegistryLabels } from '../registry/registry-hooks';
import { useActiveCampaigns, useAssign, useCadres, useChildUnits, useEmployers, usePeople, type EmployersPage, type PeoplePage } from './unit-hooks';

type Kind = 'person' | 'employer';
type Row = PeoplePage['items'][number] | EmployersPage['items'][number];

/**
 * /registry/assign: my unit's registry entries, paged and filtered on the server; select some and give them to one of
 * my cadres (a cadre takes entries of their own unit and below).
 */
export function AssignPage() {
  const { message } = App.useApp();
  const me = useMe().data!;
  const t = useTableParams(['kind', 'campaignId', 'unitId', 'status', 'assigned', 'group'] as const);
  const kind: Kind = t.filters.kind === 'employer' ? 'employer' : 'person';
  const campaigns = useActiveCampaigns();
  const campaignId = t.filters.campaignId ? Number(t.filters.campaignId) : campaigns.data?.items[0]?.id;
  const children = useChildUnits(me.orgUnitId);
  const cadres = useCadres(me.orgUnitId, campaignId);
  const cadreName = new Map((cadres.data ?? []).map((c) => [c.id, c.displayName]));
  const assigned = t.filters.assigned;
  const common = {
    page: t.query.page,
    pageSize: t.query.pageSize,
    ...(campaignId ? { campaignId } : {}),
    ...(t.filters.unitId ? { unitId: Number(t.filters.unitId) } : {}),
    ...(t.filters.status ? { status: t.filters.status as never } : {}),
    ...(assigned === 'no' ? { unassigned: true } : assigned ? { cadreId: Number(assigned) } : {}),
  };
  const people = usePeople({ ...common, ...(t.filters.group ? { group: t.filters.group as never } : {}) }, kind === 'person' && !!campaignId);
  const employers = useEmployers(common, kind === 'employer' && !!campaignId);
  const list = kind === 'person' ? people : employers;
  const [selected, setSelected] = useState<string[]>([]);
  const [cadreId, setCadreId] = useState<number>();
  const assign = useAssign();
  const labels = useRegistryLabels();
  const [error, setError] = useState<unknown>(null);
  const filterKey = JSON.stringify(t.filters);
  useEffect(() => setSelected([]), [filterKey]);

  const onAssign = () => {
    setError(null);
    assign.mutate(
      { kind, mode: 'single', ids: selected, cadreId: cadreId! },
      {
        onSuccess: (r) => {
          message.success(
            `已分配 ${selected.length} 条给 ${cadreName.get(cadreId!) ?? '干部'}${r.assigned < selected.length ? `（其中 ${selected.length - r.assigned} 条原已属于该干部）` : ''}`,
          );
          setSelected([]);
        },
        onError: setError,
      },
    );
  };

  return (
    <Card title="名册分配" data-testid="assign-page">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 120 }}
          value={kind}
          aria-label="名册类别"
          onChange={(v) => t.setFilter('kind', v === 'person' ? undefined : v)}
          options={[
            { value: 'person', label: '人员' },
            { value: 'employer', label: '用人单位' },
          ]}
        />
        <Select
          style={{ width: 200 }}
          placeholder="扩面任务"
          value={campaignId}
          onChange={(v) => t.setFilter('campaignId', String(v))}
          options={campaigns.data?.items.map((c) => ({ value: c.id, label: c.name }))}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder="全部下级单位"
          value={t.filters.unitId ? Number(t.filters.unitId) : undefined}
          onChange={(v) => t.setFilter('unitId', v ? String(v) : undefined)}
          options={(children.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
        <Select
          allowClear
          style={{ width: 140 }}
          placeholder="全部状态"
          value={t.filters.status}
          onChange={(v) => t.setFilter('status', v)}
          options={labels.status.options}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder="分配情况"
          aria-label="分配情况"
          value={assigned === 'no' ? 'no' : assigned ? Number(assigned) : undefined}
          onChange={(v) => t.setFilter('assigned', v === undefined ? undefined : String(v))}
          options={[{ value: 'no', label: '未分配' }, ...(cadres.data ?? []).map((c) => ({ value: c.id, label: `已分给 ${c.displayName}` }))]}
        />
        {kind === 'person' && (
          <Select
            allowClear
            style={{ width: 180 }}
            placeholder="全部人群"
            value={t.filters.group}
            onChange={(v) => t.setFilter('group', v)}
            options={labels.group.options}
          />
        )}
      </Space>
      <Card size="small" style={{ marginBottom: 12, background: '#fafafa' }}>
        <Space wrap>
          <Typography.Text>已选 {selected.length} 条</Typography.Text>
          <Select
            style={{ width: 260 }}
            placeholder="选择包村干部"
            aria-label="选择包村干部"
            value={cadreId}
            onChange={setCadreId}
            loading={cadres.isFetching}
            notFoundContent="本单位及下级没有在岗的包村干部"
            options={(cadres.data ?? []).map((c) => ({ value: c.id, label: `${c.displayName}（${c.unitName}）· 名下 ${c.people} 人 ${c.employers} 户` }))}
          />
          <Button type="primary" disabled={!selected.length || !cadreId} loading={assign.isPending} onClick={onAssign}>
            分配给干部
          </Button>
        </Space>
      </Card>
      <ErrorAlert error={error ?? list.error ?? cadres.error} />
      <Table<Row>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data?.items as Row[] | undefined}
        pagination={{ ...t.pagination, total: list.data?.total ?? 0 }}
        onChange={t.onTableChange}
        scroll={{ x: 760 }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), preserveSelectedRowKeys: true }}
        locale={{ emptyText: <EmptyHint text="没有符合条件的名册条目" next="换一个筛选条件；名册由办公室导入后出现在这里" /> }}
        columns={[
          { title: '名称', dataIndex: 'name', fixed: 'left', width: 160 },
          kind === 'person'
            ? { title: '身份证号', key: 'idNumber', render: (_, r) => ('idNumber' in r ? r.idNumber : '') }
            : { title: '统一社会信用代码', key: 'uscc', render: (_, r) => ('uscc' in r ? r.uscc : '') },
          { title: '所在村（社区）', dataIndex: 'unitName' },
          kind === 'person'
            ? {
                title: '人群',
                key: 'group',
                responsive: ['md'],
                render: (_, r) => ('sourceGroup' in r ? labels.group.label(r.sourceGroup) : ''),
              }
            : { title: '未参保人数', key: 'uninsured', render: (_, r) => ('uninsuredCount' in r ? `${r.uninsuredCount}人` : '') },
          { title: '状态', dataIndex: 'status', render: (s: string) => <Tag>{labels.status.label(s)}</Tag> },
          {
            title: '包村干部',
            dataIndex: 'cadreId',
            render: (id: number | null) => (id ? (cadreName.get(id) ?? `#${id}`) : <Typography.Text type="secondary">未分配</Typography.Text>),
          },
        ]}
      />
    </Card>
  );
}
