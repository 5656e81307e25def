import type { paths } from '../../api/schema';
import { App, Button, Card, Grid, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { downloadFile } from '../../api/download-file';
import { useCampaignChoice } from '../../components/campaign-picker';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { useOpenParam } from '../../components/use-open-param';
import { useTableParams } from '../../components/use-table-params';
import { formatDate, formatDateTime } from '../../lib/format';
import { CADENCE, issueLabel, tagOf, TRIGGER } from '../../lib/office-labels';
import { BulletinDrawer } from './bulletin-drawer';
import { BulletinIssueModal } from './bulletin-issue';
import { useBulletins, type BulletinSummary } from './bulletins-hooks';
import { useTableScroll } from '../../components/phone';

type ListQuery = NonNullable<paths['/api/bulletins']['get']['parameters']['query']>;
const SORTS = ['date', 'trigger', 'generatedAt', 'issueNo', 'cadence'] as const satisfies readonly NonNullable<ListQuery['sort']>[];

/** The office's bulletins: a campaign's list (server-paged) by series and number, issue one of a cadence, open each and download it as XLSX or PDF. */
export function BulletinsPage() {
  const { message } = App.useApp();
  const t = useTableParams(['campaignId'] as const, undefined, SORTS);
  const [openId, setOpen] = useOpenParam('bulletin');
  const campaign = useCampaignChoice(t.filters.campaignId, (v) => t.setFilter('campaignId', v));
  const list = useBulletins({ campaignId: campaign.campaignId, page: t.query.page, pageSize: t.query.pageSize, sort: t.query.sort, order: t.query.order });
  const [issuing, setIssuing] = useState(false);
  const phone = !(Grid.useBreakpoint().sm ?? true);

  const download = (id: number, date: string, kind: 'xlsx' | 'pdf' = 'xlsx') =>
    downloadFile(`/api/bulletins/${id}/${kind}`, {}, `进度通报_${date}.${kind}`).then(
      ({ name }) => message.success(`已下载 ${name}`),
      (e: Error) => message.error(e.message),
    );

  return (
    <Card
      title="进度通报"
      extra={
        <Button type="primary" disabled={!campaign.campaignId} onClick={() => setIssuing(true)}>
          编发通报
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {campaign.picker}
      </Space>
      <ErrorAlert error={campaign.error ?? list.error} />
      <Table<BulletinSummary>
        rowKey="id"
        size="middle"
        scroll={useTableScroll(520)}
        loading={list.isFetching || campaign.loading}
        dataSource={list.data?.items}
        pagination={{ ...t.pagination, total: list.data?.total ?? 0 }}
        onChange={t.onTableChange}
        locale={{
          emptyText: campaign.none ? (
            <EmptyHint text="暂无扩面任务" next="新建并启动扩面任务后，可在这里编发进度通报" />
          ) : (
            <EmptyHint text="该任务还没有通报" next="按各通报周期自动生成并编号；也可点击右上角“编发通报”选择周期立即生成" />
          ),
        }}
        columns={[
          {
            title: '期号',
            dataIndex: 'issueNo',
            sorter: true,
            sortOrder: t.sortOrderOf('issueNo'),
            render: (v: number, b) => (
              <Typography.Link onClick={() => setOpen(b.id)}>
                {phone ? `${tagOf(CADENCE, b.cadence).label}` : ''}
                {issueLabel(v)}
              </Typography.Link>
            ),
          },
          {
            title: '周期',
            dataIndex: 'cadence',
            sorter: true,
            sortOrder: t.sortOrderOf('cadence'),
            render: (v: string) => <Tag color={tagOf(CADENCE, v).color}>{tagOf(CADENCE, v).label}</Tag>,
            responsive: ['sm'],
          },
          { title: '发文单位', dataIndex: 'unitName', responsive: ['sm'] },
          {
            title: '通报日期',
            dataIndex: 'date',
            sorter: true,
            sortOrder: t.sortOrderOf('date'),
            render: (v: string, b) => <Typography.Link onClick={() => setOpen(b.id)}>{formatDate(v)}</Typography.Link>,
          },
          {
            title: '来源',
            dataIndex: 'trigger',
            sorter: true,
            sortOrder: t.sortOrderOf('trigger'),
            render: (v: string) => <Tag color={tagOf(TRIGGER, v).color}>{tagOf(TRIGGER, v).label}</Tag>,
            responsive: ['sm'],
          },
          {
            title: '生成时间',
            dataIndex: 'generatedAt',
            sorter: true,
            sortOrder: t.sortOrderOf('generatedAt'),
            render: (v: string) => formatDateTime(v),
            responsive: ['sm'],
          },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, b) => (
              <Space size={0} wrap>
                <Button type="link" onClick={() => setOpen(b.id)}>
                  查看
                </Button>
                <Button type="link" onClick={() => download(b.id, b.date)}>
                  下载 XLSX
                </Button>
                <Button type="link" onClick={() => download(b.id, b.date, 'pdf')}>
                  下载 PDF
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {campaign.campaignId !== undefined && (
        <BulletinIssueModal
          campaignId={campaign.campaignId}
          open={issuing}
          onClose={() => setIssuing(false)}
          onOpenBulletin={(id) => setOpen(id)}
          onDownload={download}
        />
      )}
      <BulletinDrawer id={openId} onClose={() => setOpen(undefined)} onDownload={download} />
    </Card>
  );
}
