import type { paths } from '../../api/schema';
import { Alert, Button, Card, Input, Select, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMe } from '../../auth/auth-hooks';
import { useCampaignChoice } from '../../components/campaign-picker';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { useOpenParam } from '../../components/use-open-param';
import { useTableParams } from '../../components/use-table-params';
import { formatCount, formatDate } from '../../lib/format';
import { AssignCaseModal, AssignEvenlyModal } from './assign-modals';
import { CaseDrawer, caseStateTag } from './case-drawer';
import { useCases, useInspectors, type CaseQuery, type InspectionCase } from './case-hooks';
import { useDepartments } from './enforcement-hooks';

/** The sort keys this page's table offers (its list query's `sort`). */
const PAGE_SORTS = ['employerName', 'assigneeName', 'status', 'dueDate', 'rectificationDeadline', 'uninsuredCount'] as const satisfies readonly NonNullable<
  NonNullable<paths['/api/inspection-cases']['get']['parameters']['query']>['sort']
>[];

const OVERDUE_CELL = { style: { background: '#fff1f0' } };

/** Every cell of an overdue case's row in red (fixed columns included, which a row style would not reach). */
function overdueInRed(columns: TableColumnsType<InspectionCase>): TableColumnsType<InspectionCase> {
  return columns.map((col) => ({ ...col, onCell: (c: InspectionCase) => (c.overdue ? OVERDUE_CELL : {}) }));
}

/**
 * 重点检查: the inspection cases the caller may see, by status and due date, overdue ones in red. The office follows
 * every department's; a department manager (labour inspection, audit) assigns theirs, one by one or a dispatched
 * list evenly; an inspector sees their own read-only, and works them on the field screens.
 */
export function CasesPage() {
  const me = useMe().data!;
  const office = me.roles.includes('office') || me.roles.includes('admin');
  const manager = me.roles.includes('unit_manager') && me.roles.includes('department');
  const inspectorOnly = me.roles.includes('inspector') && !manager && !office;
  const t = useTableParams(['campaignId', 'status', 'assigneeId', 'departmentId', 'overdue', 'q'] as const, undefined, PAGE_SORTS);
  const [openId, setOpen] = useOpenParam('case');
  const [assigning, setAssigning] = useState<InspectionCase>();
  const [spreading, setSpreading] = useState(false);
  const campaign = useCampaignChoice(t.filters.campaignId, (v) => t.setFilter('campaignId', v));
  const inspectors = useInspectors(office || manager);
  const departments = useDepartments(office);
  const num = (v?: string) => (v ? Number(v) : undefined);
  const cases = useCases({
    campaignId: campaign.campaignId,
    status: t.filters.status as CaseQuery['status'],
    assigneeId: inspectorOnly ? me.id : num(t.filters.assigneeId),
    departmentId: num(t.filters.departmentId),
    overdue: t.filters.overdue === 'true' ? true : undefined,
    q: t.filters.q,
    page: t.query.page,
    pageSize: t.query.pageSize,
    sort: t.query.sort as CaseQuery['sort'],
    order: t.query.order,
  });

  return (
    <Card
      title="重点检查案件"
      extra={
        manager && (
          <Button type="primary" onClick={() => setSpreading(true)}>
            平均分派
          </Button>
        )
      }
    >
      {inspectorOnly && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message="这里列出分派给您的案件（只读）。"
          description={
            <span>
              现场检查、登记结果和打印检查清单请到 <Link to="/inspector">我的检查清单</Link>。
            </span>
          }
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        {campaign.picker}
        <Select
          aria-label="案件状态"
          placeholder="全部状态"
          allowClear
          style={{ width: 130 }}
          value={t.filters.status}
          onChange={(v?: string) => t.setFilter('status', v)}
          options={[
            { value: 'open', label: '办理中' },
            { value: 'closed', label: '已结案' },
          ]}
        />
        {office && (
          <Select
            aria-label="承办部门"
            placeholder="全部部门"
            allowClear
            style={{ width: 200 }}
            value={num(t.filters.departmentId)}
            onChange={(v?: number) => t.setFilter('departmentId', v === undefined ? undefined : String(v))}
            options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
          />
        )}
        {(office || manager) && (
          <Select
            aria-label="检查人员"
            placeholder="全部检查人员"
            allowClear
            style={{ width: 160 }}
            value={num(t.filters.assigneeId)}
            onChange={(v?: number) => t.setFilter('assigneeId', v === undefined ? undefined : String(v))}
            options={(inspectors.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
          />
        )}
        <Space>
          <Switch aria-label="只看逾期" checked={t.filters.overdue === 'true'} onChange={(on) => t.setFilter('overdue', on ? 'true' : undefined)} />
          <span>只看逾期</span>
        </Space>
        <Input.Search
          aria-label="搜索用人单位"
          placeholder="单位名称或统一社会信用代码"
          allowClear
          defaultValue={t.filters.q}
          style={{ width: 260 }}
          onSearch={(v) => t.setFilter('q', v.trim() || undefined)}
        />
      </Space>
      <ErrorAlert error={campaign.error ?? cases.error} />
      <Table<InspectionCase>
        rowKey="id"
        size="middle"
        scroll={{ x: 980 }}
        loading={cases.isFetching || campaign.loading}
        dataSource={cases.data?.items}
        pagination={{ ...t.pagination, total: cases.data?.total ?? 0, showTotal: (n) => `共 ${n} 件` }}
        onChange={t.onTableChange}
        onRow={(c) => ({ 'data-overdue': c.overdue ? 'true' : undefined }) as React.HTMLAttributes<HTMLElement>}
        locale={{
          emptyText: inspectorOnly ? (
            <EmptyHint text="暂无分派给您的案件" next="部门负责人分派后会通知您" />
          ) : (
            <EmptyHint text="没有符合条件的案件" next="办公室派发重点检查名单后，每家企业在各接收部门各立一案" />
          ),
        }}
        columns={overdueInRed([
          {
            title: '用人单位',
            dataIndex: 'employerName',
            fixed: 'left',
            width: 200,
            sorter: true,
            sortOrder: t.sortOrderOf('employerName'),
            render: (v: string, c) => <Typography.Link onClick={() => setOpen(c.id)}>{v}</Typography.Link>,
          },
          { title: '区县', dataIndex: 'districtName', responsive: ['md'], render: (v: string | null) => v ?? '—' },
          ...(office ? [{ title: '承办部门', dataIndex: 'departmentName' }] : []),
          {
            title: '检查人员',
            dataIndex: 'assigneeName',
            sorter: true,
            sortOrder: t.sortOrderOf('assigneeName'),
            render: (v: string | null) => v ?? <Tag color="warning">未分派</Tag>,
          },
          { title: '状态', dataIndex: 'status', sorter: true, sortOrder: t.sortOrderOf('status'), render: (_: unknown, c) => caseStateTag(c) },
          {
            title: '办理期限',
            dataIndex: 'dueDate',
            width: 160,
            sorter: true,
            sortOrder: t.sortOrderOf('dueDate'),
            render: (v: string, c) =>
              c.overdue ? (
                <Space size={4} wrap={false} style={{ whiteSpace: 'nowrap' }}>
                  <Typography.Text type="danger">{formatDate(v)}</Typography.Text>
                  <Tag color="error">逾期</Tag>
                </Space>
              ) : (
                formatDate(v)
              ),
          },
          {
            title: '限期改正',
            dataIndex: 'rectificationDeadline',
            responsive: ['lg'],
            sorter: true,
            sortOrder: t.sortOrderOf('rectificationDeadline'),
            render: (v: string | null) => formatDate(v),
          },
          {
            title: '未参保',
            dataIndex: 'uninsuredCount',
            align: 'right',
            sorter: true,
            sortOrder: t.sortOrderOf('uninsuredCount'),
            render: (v: number) => formatCount(v),
          },
          {
            title: '操作',
            key: 'actions',
            fixed: 'right',
            width: 130,
            render: (_: unknown, c) => (
              <Space size={0}>
                <Button type="link" onClick={() => setOpen(c.id)}>
                  查看
                </Button>
                {manager && c.status === 'open' && (
                  <Button type="link" onClick={() => setAssigning(c)}>
                    {c.assigneeId ? '改派' : '分派'}
                  </Button>
                )}
              </Space>
            ),
          },
        ])}
      />
      <CaseDrawer id={openId} onClose={() => setOpen(undefined)} />
      <AssignCaseModal target={assigning} onClose={() => setAssigning(undefined)} />
      {manager && <AssignEvenlyModal departmentId={me.orgUnitId} campaignId={campaign.campaignId} open={spreading} onClose={() => setSpreading(false)} />}
    </Card>
  );
}
