import type { paths } from '../../api/schema';
import { App, Button, Card, Descriptions, Drawer, Form, Grid, Modal, Space, Spin, Table, Tag, Typography } from 'antd';
import { DatePicker } from '../../components/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMe } from '../../auth/auth-hooks';
import { useCampaignChoice } from '../../components/campaign-picker';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldErrors } from '../../components/form-errors';
import { useOpenParam } from '../../components/use-open-param';
import { useLocalTableParams } from '../../components/use-local-table-params';
import { useTableParams } from '../../components/use-table-params';
import { formatCount, formatDate, formatDateTime } from '../../lib/format';
import { tagOf, TRIGGER } from '../../lib/office-labels';
import {
  useCompileList,
  useCutoffRun,
  useCutoffRunEntries,
  useCutoffRuns,
  useTriggerCutoff,
  type CutoffRun,
  type CutoffRunQuery,
  type RunEntry,
  type RunEntryQuery,
} from './enforcement-hooks';

/** The sort keys of the drawer's entries (its list query's `sort`). */
const ENTRY_SORTS = ['name', 'townName', 'uninsuredCount', 'refusalCount', 'lastVisitAt'] as const satisfies readonly NonNullable<RunEntryQuery['sort']>[];
/** The sort keys this page's table offers (its list query's `sort`). */
const PAGE_SORTS = ['cutoffDate', 'districtName', 'entryCount', 'ranAt'] as const satisfies readonly NonNullable<
  NonNullable<paths['/api/cutoff-runs']['get']['parameters']['query']>['sort']
>[];
import { SECONDARY, useTableScroll } from '../../components/phone';

function CutoffRunDrawer({ id, onClose }: { id?: number; onClose: () => void }) {
  const wide = Grid.useBreakpoint().md ?? true;
  const run = useCutoffRun(id);
  const t = useLocalTableParams([], 20, ENTRY_SORTS, [10, 20, 50, 100]);
  const entries = useCutoffRunEntries(id, t.query);
  const r = run.data;
  return (
    <Drawer
      open={id !== undefined}
      onClose={() => {
        t.reset();
        onClose();
      }}
      width={wide ? 860 : '100%'}
      title={r ? `${r.districtName} · ${formatDate(r.cutoffDate)} 截止报送` : '截止报送'}
    >
      <ErrorAlert error={run.error ?? entries.error} />
      {run.isLoading && <Spin />}
      {r && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" styles={{ label: { whiteSpace: 'nowrap' } }} bordered column={wide ? 3 : 1}>
            <Descriptions.Item label="截止时刻">{formatDateTime(r.cutoffAt)}</Descriptions.Item>
            <Descriptions.Item label="执行时间">{formatDateTime(r.ranAt)}</Descriptions.Item>
            <Descriptions.Item label="来源">{tagOf(TRIGGER, r.trigger).label}</Descriptions.Item>
          </Descriptions>
          <Table<RunEntry>
            rowKey="employerId"
            size="small"
            scroll={{ x: 820 }}
            loading={entries.isFetching}
            dataSource={entries.data?.items}
            pagination={{ ...t.pagination, total: entries.data?.total ?? 0, hideOnSinglePage: true, showTotal: (n) => `共 ${n} 家` }}
            onChange={t.onTableChange}
            locale={{ emptyText: <EmptyHint text="该区县本次无拒不参保企业" next="拒绝参保达到次数的企业会在截止时冻结报送" /> }}
            columns={[
              { title: '用人单位', dataIndex: 'name', fixed: 'left', width: 200, sorter: true, sortOrder: t.sortOrderOf('name') },
              { title: '统一社会信用代码', dataIndex: 'uscc' },
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
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}

/** Runs a due cutoff by hand (after an outage, say); districts already submitted are not run again. */
function TriggerModal({ campaignId, open, onClose }: { campaignId: number; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ cutoffDate: Dayjs }>();
  const [banner, setBanner] = useState<unknown>(null);
  const trigger = useTriggerCutoff();
  const close = () => {
    form.resetFields();
    setBanner(null);
    onClose();
  };
  return (
    <Modal open={open} title="手动执行截止报送" onCancel={close} onOk={() => form.submit()} okText="执行" confirmLoading={trigger.isPending} destroyOnHidden>
      <ErrorAlert error={banner} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) =>
          trigger.mutate(
            { campaignId, cutoffDate: v.cutoffDate.format('YYYY-MM-DD') },
            {
              onSuccess: (r) => {
                message.success(r.created ? `已生成 ${r.created} 个区县的报送` : '该截止日已执行过，未重复执行');
                close();
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
          extra="每月 10 日、20 日、30 日（2 月为最后一天）17:00，须在升级窗口内且已到时间。"
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** District submissions of refusing employers at each cutoff (paged, by date), their frozen entries, and compiling the key-inspection list. */
export function CutoffRunsPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useMe().data!;
  const office = me.roles.includes('office') || me.roles.includes('admin');
  const t = useTableParams(['campaignId', 'cutoffDate'] as const, undefined, PAGE_SORTS);
  const [openId, setOpen] = useOpenParam('run');
  const [triggering, setTriggering] = useState(false);
  const campaign = useCampaignChoice(t.filters.campaignId, (v) => t.setFilter('campaignId', v));
  const runs = useCutoffRuns({
    campaignId: campaign.campaignId,
    cutoffDate: t.filters.cutoffDate,
    page: t.query.page,
    pageSize: t.query.pageSize,
    sort: t.query.sort as CutoffRunQuery['sort'],
    order: t.query.order,
  });
  const compile = useCompileList();

  const compileFor = (cutoffDate: string) =>
    compile.mutate(
      { campaignId: campaign.campaignId!, cutoffDate },
      {
        onSuccess: (l) => {
          message.success(l.created ? `已汇编 ${formatDate(cutoffDate)} 重点检查名单（${l.entryCount} 家）` : '该截止日的名单已汇编，已为您打开');
          navigate(`/enforcement/lists?campaignId=${campaign.campaignId}&list=${l.id}`);
        },
        onError: (e: Error) => message.error(e.message),
      },
    );

  return (
    <Card
      title="截止报送"
      extra={
        office && (
          <Button disabled={!campaign.campaignId} onClick={() => setTriggering(true)}>
            手动执行截止
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {campaign.picker}
        <DatePicker
          placeholder="全部截止日"
          aria-label="截止日期"
          value={t.filters.cutoffDate ? dayjs(t.filters.cutoffDate) : null}
          onChange={(d) => t.setFilter('cutoffDate', d ? d.format('YYYY-MM-DD') : undefined)}
        />
        {office && t.filters.cutoffDate && (
          <Button type="primary" loading={compile.isPending} onClick={() => compileFor(t.filters.cutoffDate!)}>
            汇编该日重点检查名单
          </Button>
        )}
      </Space>
      <ErrorAlert error={campaign.error ?? runs.error} />
      <Table<CutoffRun>
        rowKey="id"
        size="middle"
        scroll={useTableScroll(760)}
        loading={runs.isFetching || campaign.loading}
        dataSource={runs.data?.items}
        pagination={{ ...t.pagination, total: runs.data?.total ?? 0 }}
        onChange={t.onTableChange}
        locale={{
          emptyText: t.filters.cutoffDate ? (
            <EmptyHint text="该截止日没有报送" next="换一个日期，或清除日期查看全部" />
          ) : (
            <EmptyHint text="还没有截止报送" next="升级窗口内每月 10、20、30 日 17:00 自动冻结各区县拒不参保企业" />
          ),
        }}
        columns={[
          { title: '截止日期', dataIndex: 'cutoffDate', sorter: true, sortOrder: t.sortOrderOf('cutoffDate'), render: (v: string) => formatDate(v) },
          {
            title: '区县',
            dataIndex: 'districtName',
            sorter: true,
            sortOrder: t.sortOrderOf('districtName'),
            render: (v: string, r) => <Typography.Link onClick={() => setOpen(r.id)}>{v}</Typography.Link>,
          },
          {
            title: '报送企业',
            dataIndex: 'entryCount',
            align: 'right',
            sorter: true,
            sortOrder: t.sortOrderOf('entryCount'),
            render: (v: number) => formatCount(v, '家'),
          },
          { title: '来源', dataIndex: 'trigger', ...SECONDARY, render: (v: string) => <Tag color={tagOf(TRIGGER, v).color}>{tagOf(TRIGGER, v).label}</Tag> },
          {
            title: '执行时间',
            dataIndex: 'ranAt',
            responsive: ['md'],
            sorter: true,
            sortOrder: t.sortOrderOf('ranAt'),
            render: (v: string) => formatDateTime(v),
          },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, r) => (
              <Space size={0} wrap>
                <Button type="link" onClick={() => setOpen(r.id)}>
                  查看
                </Button>
                {office && (
                  <Button type="link" onClick={() => compileFor(r.cutoffDate)}>
                    汇编名单
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {campaign.campaignId !== undefined && <TriggerModal campaignId={campaign.campaignId} open={triggering} onClose={() => setTriggering(false)} />}
      <CutoffRunDrawer id={openId} onClose={() => setOpen(undefined)} />
    </Card>
  );
}
