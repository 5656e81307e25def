import type { paths } from '../../api/schema';
import { App, Button, Card, Descriptions, Drawer, Form, Grid, Input, Modal, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { DatePicker } from '../../components/date-picker';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { downloadFile } from '../../api/download-file';
import { useMe } from '../../auth/auth-hooks';
import { useCampaignChoice } from '../../components/campaign-picker';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldErrors } from '../../components/form-errors';
import { useOpenParam } from '../../components/use-open-param';
import { useLocalTableParams } from '../../components/use-local-table-params';
import { useTableParams } from '../../components/use-table-params';
import { formatCount, formatDate, formatDateTime } from '../../lib/format';
import { LIST_STATUS, tagOf } from '../../lib/office-labels';
import {
  useCompileList,
  useInspectionList,
  useInspectionLists,
  useListEntries,
  type InspectionList,
  type InspectionListQuery,
  type ListEntry,
  type ListEntryQuery,
} from './enforcement-hooks';
import { DispatchModal, RemoveEntryModal } from './list-actions';
import { useTableScroll } from '../../components/phone';

/** The sort keys of the drawer's entries (its list query's `sort`). */
const ENTRY_SORTS = ['name', 'districtName', 'townName', 'uninsuredCount', 'refusalCount', 'lastVisitAt'] as const satisfies readonly NonNullable<
  ListEntryQuery['sort']
>[];
/** The sort keys this page's table offers (its list query's `sort`). */
const PAGE_SORTS = ['cutoffDate', 'status', 'entryCount', 'dispatchedAt'] as const satisfies readonly NonNullable<
  NonNullable<paths['/api/inspection-lists']['get']['parameters']['query']>['sort']
>[];

/** One list: its entries paged (removed ones shown with their reason), review (remove) and dispatch while it is compiled. */
function ListDrawer({ id, onClose }: { id?: number; onClose: () => void }) {
  const { message } = App.useApp();
  const wide = Grid.useBreakpoint().md ?? true;
  const t = useLocalTableParams(['status', 'q'] as const, 20, ENTRY_SORTS, [10, 20, 50, 100]);
  const status = t.filters.status as ListEntryQuery['status'];
  const [removing, setRemoving] = useState<ListEntry>();
  const [dispatching, setDispatching] = useState(false);
  const list = useInspectionList(id);
  const entries = useListEntries(id, { ...t.query, status, q: t.filters.q });
  const l = list.data;
  const open = l?.can.review ?? false;
  const download = (x: InspectionList) =>
    downloadFile(`/api/inspection-lists/${x.id}/export`, {}, `重点检查名单_${x.cutoffDate}.xlsx`).then(
      ({ name }) => message.success(`已下载 ${name}`),
      (e: Error) => message.error(e.message),
    );
  const actions = l && (
    <Space wrap>
      <Button onClick={() => download(l)}>导出 XLSX</Button>
      {open && (
        <Button type="primary" disabled={l.entryCount === 0} onClick={() => setDispatching(true)}>
          派发名单
        </Button>
      )}
    </Space>
  );
  return (
    <Drawer
      open={id !== undefined}
      onClose={() => {
        t.reset();
        onClose();
      }}
      width={wide ? 1120 : '100%'}
      title={l ? `重点检查用人单位名单（截至 ${formatDate(l.cutoffDate)}）` : '重点检查名单'}
      extra={wide ? actions : undefined}
    >
      <ErrorAlert error={list.error ?? entries.error} />
      {!wide && actions && <div style={{ marginBottom: 12 }}>{actions}</div>}
      {list.isLoading && <Spin />}
      {l && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" styles={{ label: { whiteSpace: 'nowrap' } }} bordered column={wide ? 3 : 1}>
            <Descriptions.Item label="状态">
              <Tag color={tagOf(LIST_STATUS, l.status).color}>{tagOf(LIST_STATUS, l.status).label}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="在列企业">{formatCount(l.entryCount, '家')}</Descriptions.Item>
            <Descriptions.Item label="审核移出">{formatCount(l.removedCount, '家')}</Descriptions.Item>
            <Descriptions.Item label="汇编时间">{formatDateTime(l.compiledAt)}</Descriptions.Item>
            <Descriptions.Item label="派发时间">{formatDateTime(l.dispatchedAt)}</Descriptions.Item>
            <Descriptions.Item label="接收部门">{l.departments.length ? l.departments.map((d) => d.name).join('、') : '未派发'}</Descriptions.Item>
          </Descriptions>
          {open && (
            <Typography.Text type="secondary">审核名单：核实已参保或情况特殊的企业可移出（须填写原因），确认无误后派发给劳动监察、稽核等部门。</Typography.Text>
          )}
          <Space wrap>
            <Select
              aria-label="在列状态"
              placeholder="全部企业"
              allowClear
              style={{ width: 140 }}
              value={status}
              onChange={(v?: string) => t.setFilter('status', v)}
              options={[
                { value: 'kept', label: '在列' },
                { value: 'removed', label: '已移出' },
              ]}
            />
            <Input.Search
              aria-label="搜索用人单位"
              placeholder="单位名称或统一社会信用代码"
              allowClear
              style={{ width: 280 }}
              onSearch={(v) => t.setFilter('q', v.trim() || undefined)}
            />
          </Space>
          <Table<ListEntry>
            rowKey="id"
            size="small"
            scroll={{ x: 1100 }}
            loading={entries.isFetching}
            dataSource={entries.data?.items}
            pagination={{ ...t.pagination, total: entries.data?.total ?? 0, showTotal: (n) => (status ? `共 ${n} 家` : `共 ${n} 家（含已移出）`) }}
            onChange={t.onTableChange}
            rowClassName={(e) => (e.removedAt ? 'entry-removed' : '')}
            locale={{ emptyText: <EmptyHint text="名单为空" next="本截止日各区县没有报送拒不参保企业" /> }}
            columns={[
              {
                title: '用人单位',
                dataIndex: 'name',
                fixed: 'left',
                width: 180,
                sorter: true,
                sortOrder: t.sortOrderOf('name'),
                render: (v: string, e) => (e.removedAt ? <Typography.Text delete>{v}</Typography.Text> : v),
              },
              { title: '统一社会信用代码', dataIndex: 'uscc', width: 190, responsive: ['lg'] },
              { title: '区县', dataIndex: 'districtName', sorter: true, sortOrder: t.sortOrderOf('districtName') },
              { title: '镇街', dataIndex: 'townName', sorter: true, sortOrder: t.sortOrderOf('townName'), render: (v: string | null) => v ?? '—' },
              {
                title: '未参保',
                dataIndex: 'uninsuredCount',
                align: 'right',
                sorter: true,
                sortOrder: t.sortOrderOf('uninsuredCount'),
                render: (v: number) => formatCount(v),
              },
              {
                title: '拒绝次数',
                dataIndex: 'refusalCount',
                align: 'right',
                sorter: true,
                sortOrder: t.sortOrderOf('refusalCount'),
                render: (v: number) => formatCount(v, '次'),
              },
              {
                title: '最近走访',
                dataIndex: 'lastVisitAt',
                sorter: true,
                sortOrder: t.sortOrderOf('lastVisitAt'),
                render: (v: string | null) => formatDateTime(v),
              },
              { title: '责任干部', dataIndex: 'cadreName', render: (v: string | null) => v ?? '—' },
              {
                title: '状态',
                key: 'state',
                width: 220,
                render: (_: unknown, e) =>
                  e.removedAt ? (
                    <span>
                      <Tag>已移出</Tag>
                      <Typography.Text type="secondary">{e.removalReason}</Typography.Text>
                    </span>
                  ) : (
                    <Tag color="processing">在列</Tag>
                  ),
              },
              ...(open
                ? [
                    {
                      title: '操作',
                      key: 'actions',
                      render: (_: unknown, e: ListEntry) =>
                        !e.removedAt && (
                          <Button type="link" danger onClick={() => setRemoving(e)}>
                            移出
                          </Button>
                        ),
                    },
                  ]
                : []),
            ]}
          />
          <RemoveEntryModal listId={l.id} entry={removing} onClose={() => setRemoving(undefined)} />
          <DispatchModal list={l} open={dispatching} onClose={() => setDispatching(false)} />
        </Space>
      )}
    </Drawer>
  );
}

function CompileModal({ campaignId, open, onClose, onCompiled }: { campaignId: number; open: boolean; onClose: () => void; onCompiled: (id: number) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ cutoffDate: Dayjs }>();
  const [banner, setBanner] = useState<unknown>(null);
  const compile = useCompileList();
  const close = () => {
    form.resetFields();
    setBanner(null);
    onClose();
  };
  return (
    <Modal open={open} title="汇编重点检查名单" okText="汇编" onOk={() => form.submit()} confirmLoading={compile.isPending} onCancel={close} destroyOnHidden>
      <ErrorAlert error={banner} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          compile.mutate(
            { campaignId, cutoffDate: v.cutoffDate.format('YYYY-MM-DD') },
            {
              onSuccess: (l) => {
                message.success(l.created ? `已汇编，共 ${l.entryCount} 家` : '该截止日的名单已汇编，已为您打开');
                close();
                onCompiled(l.id);
              },
              onError: (e) => setBanner(showFieldErrors(form, e).unplaced ? e : null),
            },
          )
        }
      >
        <Form.Item
          name="cutoffDate"
          label="截止日期"
          rules={[{ required: true, message: '请选择截止日期' }]}
          extra="汇总该截止日各区县的报送；同一截止日只汇编一次。"
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Key-inspection lists (重点检查用人单位名单) of a campaign, newest cutoff first. */
export function InspectionListsPage() {
  const me = useMe().data!;
  const office = me.roles.includes('office') || me.roles.includes('admin');
  const t = useTableParams(['campaignId', 'round'] as const, undefined, PAGE_SORTS);
  const [openId, setOpen] = useOpenParam('list');
  const [compiling, setCompiling] = useState(false);
  const campaign = useCampaignChoice(t.filters.campaignId, (v) => t.setFilter('campaignId', v));
  const lists = useInspectionLists({
    campaignId: campaign.campaignId,
    round: t.filters.round ? (Number(t.filters.round) as InspectionListQuery['round']) : undefined,
    page: t.query.page,
    pageSize: t.query.pageSize,
    sort: t.query.sort as InspectionListQuery['sort'],
    order: t.query.order,
  });
  return (
    <Card
      title="重点检查名单"
      extra={
        office && (
          <Button type="primary" disabled={!campaign.campaignId} onClick={() => setCompiling(true)}>
            汇编名单
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {campaign.picker}
        <Select
          aria-label="报送轮次"
          placeholder="全部轮次"
          allowClear
          style={{ width: 160 }}
          value={t.filters.round}
          onChange={(v?: string) => t.setFilter('round', v)}
          options={[
            { value: '10', label: '每月 10 日' },
            { value: '20', label: '每月 20 日' },
            { value: '30', label: '每月 30 日（月末）' },
          ]}
        />
      </Space>
      <ErrorAlert error={campaign.error ?? lists.error} />
      <Table<InspectionList>
        rowKey="id"
        size="middle"
        scroll={useTableScroll(760)}
        loading={lists.isFetching || campaign.loading}
        dataSource={lists.data?.items}
        pagination={{ ...t.pagination, total: lists.data?.total ?? 0 }}
        onChange={t.onTableChange}
        onRow={(l) => ({ onClick: () => setOpen(l.id), style: { cursor: 'pointer' } })}
        locale={{ emptyText: <EmptyHint text="还没有重点检查名单" next="截止报送后，可在“截止报送”页或右上角按截止日汇编名单" /> }}
        columns={[
          { title: '截止日期', dataIndex: 'cutoffDate', sorter: true, sortOrder: t.sortOrderOf('cutoffDate'), render: (v: string) => formatDate(v) },
          {
            title: '状态',
            dataIndex: 'status',
            sorter: true,
            sortOrder: t.sortOrderOf('status'),
            render: (v: string) => <Tag color={tagOf(LIST_STATUS, v).color}>{tagOf(LIST_STATUS, v).label}</Tag>,
          },
          {
            title: '在列企业',
            dataIndex: 'entryCount',
            align: 'right',
            sorter: true,
            sortOrder: t.sortOrderOf('entryCount'),
            render: (v: number) => formatCount(v, '家'),
          },
          { title: '已移出', dataIndex: 'removedCount', align: 'right', responsive: ['sm'], render: (v: number) => formatCount(v, '家') },
          { title: '接收部门', key: 'departments', responsive: ['md'], render: (_: unknown, l) => l.departments.map((d) => d.name).join('、') || '—' },
          {
            title: '派发时间',
            dataIndex: 'dispatchedAt',
            responsive: ['lg'],
            sorter: true,
            sortOrder: t.sortOrderOf('dispatchedAt'),
            render: (v: string | null) => formatDateTime(v),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, l) => (
              <Button type="link" onClick={() => setOpen(l.id)}>
                {l.can.review ? '审核派发' : '查看'}
              </Button>
            ),
          },
        ]}
      />
      {campaign.campaignId !== undefined && (
        <CompileModal campaignId={campaign.campaignId} open={compiling} onClose={() => setCompiling(false)} onCompiled={setOpen} />
      )}
      <ListDrawer id={openId} onClose={() => setOpen(undefined)} />
    </Card>
  );
}
