import { Button, Card, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import { useMe } from '../../auth/auth-hooks';
import { useCampaignChoice } from '../../components/campaign-picker';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { useOpenParam } from '../../components/use-open-param';
import { useTableParams } from '../../components/use-table-params';
import { formatDate } from '../../lib/format';
import { useCadres, useEmployers, usePeople, type EmployersPage, type EmployersQuery, type PeoplePage, type PeopleQuery } from '../unit/unit-hooks';
import { EntryDrawer } from './entry-drawer';
import { PoliceExportButton } from './police-export-button';
import { REGISTRY_FILTERS, RegistryFilters } from './registry-filters';
import { useRegistryLabels, type EntryKind } from './registry-hooks';

type Person = PeoplePage['items'][number];

/** The sort keys each list offers (the API's PERSON_SORTS and EMPLOYER_SORTS). */
const SORTS: { person: NonNullable<PeopleQuery['sort']>[]; employer: NonNullable<EmployersQuery['sort']>[] } = {
  person: ['name', 'unitName', 'sourceGroup', 'status', 'age', 'visitCount', 'lastVisitAt'],
  employer: ['name', 'unitName', 'status', 'staffCount', 'uninsuredCount', 'refusalCount', 'visitCount', 'lastVisitAt'],
};
type Employer = EmployersPage['items'][number];

/**
 * /registry (参保名册): the desk list of the people and employers of my unit and below, paged, sorted and filtered on the
 * server, ID numbers and phones masked; a row opens the full record (an audited read), its visits and assignments.
 */
export function RegistryPage() {
  const me = useMe().data!;
  const t = useTableParams(REGISTRY_FILTERS, undefined, [...SORTS.person, ...SORTS.employer]);
  const kind: EntryKind = t.filters.kind === 'employer' ? 'employer' : 'person';
  const choice = useCampaignChoice(t.filters.campaignId, (v) => t.setFilter('campaignId', v));
  const campaignId = choice.campaignId;
  const manages = me.roles.includes('office') || me.roles.includes('unit_manager');
  const cadres = useCadres(manages ? me.orgUnitId : undefined, campaignId);
  const cadreName = new Map((cadres.data ?? []).map((c) => [c.id, c.displayName]));
  const labels = useRegistryLabels();
  // one URL parameter per kind, so that a person's id is never opened as an employer's
  const [openId, setOpenId] = useOpenParam(kind);
  const f = t.filters;
  const common = {
    page: t.query.page,
    pageSize: t.query.pageSize,
    ...(campaignId ? { campaignId } : {}),
    ...(f.unitId ? { unitId: Number(f.unitId) } : {}),
    ...(f.status ? { status: f.status as never } : {}),
    ...(f.assigned === 'no' ? { unassigned: true } : f.assigned ? { cadreId: Number(f.assigned) } : {}),
    ...(f.lastVisitBefore ? { lastVisitBefore: f.lastVisitBefore } : {}),
    ...(f.q ? { q: f.q } : {}),
    // a sort key the other tab offered (staffCount on people ...) is not sent
    ...('sort' in t.query && t.query.sort && (SORTS[kind] as string[]).includes(t.query.sort) ? { sort: t.query.sort as never, order: t.query.order } : {}),
  };
  const people = usePeople(
    { ...common, ...(f.group ? { group: f.group as never } : {}), ...(f.recommendation ? { recommendation: f.recommendation as never } : {}) },
    kind === 'person' && !!campaignId,
  );
  const employers = useEmployers(common, kind === 'employer' && !!campaignId);
  const list = kind === 'person' ? people : employers;
  const filtered = ['q', 'unitId', 'status', 'group', 'recommendation', 'assigned', 'lastVisitBefore'].some((k) => f[k as keyof typeof f]);

  const sorter = (key: (typeof SORTS)['person' | 'employer'][number]) => ({ key, sorter: true, sortOrder: t.sortOrderOf(key) });
  const cadreCell = (id: number | null) => (id ? (cadreName.get(id) ?? '已分配') : <Typography.Text type="secondary">未分配</Typography.Text>);
  const visitCells = [
    { title: '状态', dataIndex: 'status', ...sorter('status'), render: (s: string) => <Tag>{labels.status.label(s)}</Tag> },
    { title: '走访次数', dataIndex: 'visitCount', ...sorter('visitCount'), responsive: ['md' as const] },
    { title: '最近走访', dataIndex: 'lastVisitAt', ...sorter('lastVisitAt'), render: (v: string | null) => (v ? formatDate(v) : '未走访') },
    { title: '包村干部', dataIndex: 'cadreId', render: cadreCell, responsive: ['lg' as const] },
  ];
  const personColumns: ColumnsType<Person> = [
    { title: '姓名', dataIndex: 'name', ...sorter('name'), fixed: 'left', width: 110 },
    { title: '身份证号', dataIndex: 'idNumber' },
    { title: '联系电话', dataIndex: 'phone', render: (v: string | null) => v ?? '—', responsive: ['md'] },
    { title: '所在单位', dataIndex: 'unitName', ...sorter('unitName') },
    { title: '人员类别', dataIndex: 'sourceGroup', ...sorter('sourceGroup'), render: (g: string) => labels.group.label(g), responsive: ['lg'] },
    { title: '年龄', dataIndex: 'age', ...sorter('age'), responsive: ['lg'] },
    { title: '推荐险种', dataIndex: 'recommendation', render: (r: string) => labels.recommendation.label(r), responsive: ['xl'] },
    ...visitCells,
  ];
  const employerColumns: ColumnsType<Employer> = [
    { title: '单位名称', dataIndex: 'name', ...sorter('name'), fixed: 'left', width: 180 },
    { title: '统一社会信用代码', dataIndex: 'uscc', responsive: ['md'] },
    { title: '所在单位', dataIndex: 'unitName', ...sorter('unitName') },
    { title: '职工人数', dataIndex: 'staffCount', ...sorter('staffCount'), responsive: ['lg'] },
    { title: '未参保人数', dataIndex: 'uninsuredCount', ...sorter('uninsuredCount') },
    { title: '拒绝次数', dataIndex: 'refusalCount', ...sorter('refusalCount'), responsive: ['lg'] },
    ...visitCells,
  ];

  const empty = filtered ? (
    <EmptyHint text="没有符合条件的名册条目" next={f.q ? '核对搜索内容（身份证号须完整 18 位），或换一个筛选条件' : '换一个筛选条件，或清除筛选'} />
  ) : (
    <EmptyHint
      text={kind === 'person' ? '本任务还没有人员名册' : '本任务还没有用人单位名册'}
      next="由办公室或区县、乡镇负责人在「名册导入」上传名册后出现在这里"
      action={
        manages ? (
          <Link to="/registry/imports">
            <Button type="primary">去导入名册</Button>
          </Link>
        ) : undefined
      }
    />
  );

  const table =
    kind === 'person' ? (
      <Table<Person>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={people.data?.items}
        columns={personColumns}
        pagination={{ ...t.pagination, total: people.data?.total ?? 0 }}
        onChange={t.onTableChange}
        onRow={(r) => ({ onClick: () => setOpenId(Number(r.id)), style: { cursor: 'pointer' } })}
        scroll={{ x: 900 }}
        locale={{ emptyText: empty }}
      />
    ) : (
      <Table<Employer>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={employers.data?.items}
        columns={employerColumns}
        pagination={{ ...t.pagination, total: employers.data?.total ?? 0 }}
        onChange={t.onTableChange}
        onRow={(r) => ({ onClick: () => setOpenId(Number(r.id)), style: { cursor: 'pointer' } })}
        scroll={{ x: 900 }}
        locale={{ emptyText: empty }}
      />
    );

  return (
    <Card title="参保名册" data-testid="registry-page" extra={<PoliceExportButton campaignId={campaignId} />}>
      <Tabs
        activeKey={kind}
        // the search and the sort belong to the list left (an ID number is no employer's name, staffCount no person's key)
        onChange={(k) => t.setFilters({ kind: k === 'person' ? undefined : k, q: undefined, sort: undefined, order: undefined })}
        items={[
          { key: 'person', label: '人员' },
          { key: 'employer', label: '用人单位' },
        ]}
      />
      <RegistryFilters kind={kind} filters={f} setFilter={t.setFilter} campaignPicker={choice.picker} cadres={cadres.data} />
      <ErrorAlert error={choice.error ?? list.error} />
      {choice.none ? <EmptyHint text="还没有扩面任务" next="办公室新建并启动扩面任务、导入名册后，名册会出现在这里" /> : table}
      <EntryDrawer kind={kind} id={openId ? String(openId) : undefined} cadreName={cadreName} onClose={() => setOpenId(undefined)} />
    </Card>
  );
}
