import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, List, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { downloadFile } from '../../api/download-file';
import { toApiError } from '../../api/errors';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { businessToday, formatCount, formatDate, formatDateTime } from '../../lib/format';
import { formatFigure } from '../../lib/progress-look';
import { CADENCE, issueLabel, tagOf } from '../../lib/office-labels';
import { useLatestBulletins, useOpenCases, useOverdueTasks, type CasePage, type TaskPage } from './dashboard-hooks';
import { useTableScroll } from '../../components/phone';

/** Page 1 again whenever the list's unit changes (a drill-down): the old page number may not exist there. */
function usePageOf(unitId: number | undefined): [number, (p: number) => void] {
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [unitId]);
  return [page, setPage];
}

/** A card of one page of five rows at a time, its total as a tag. */
function PagedCard<Row extends { id: number }>({
  title,
  testId,
  total,
  tag,
  q,
  page,
  setPage,
  scrollX,
  empty,
  columns,
}: {
  title: string;
  testId: string;
  total: number | undefined;
  tag: ReactNode;
  q: { error: unknown; isFetching: boolean; data?: { items: Row[] } };
  page: number;
  setPage: (p: number) => void;
  scrollX: number;
  empty: ReactNode;
  columns: TableColumnsType<Row>;
}) {
  return (
    <Card title={title} size="small" extra={total ? tag : undefined} data-testid={testId} style={{ height: '100%' }}>
      <ErrorAlert error={q.error} />
      <Table<Row>
        rowKey="id"
        size="small"
        loading={q.isFetching}
        dataSource={q.data?.items}
        pagination={{
          current: page,
          pageSize: 5,
          total: total ?? 0,
          size: 'small',
          hideOnSinglePage: true,
          showSizeChanger: false,
          showTotal: (t: number) => `共 ${t} 条`,
          onChange: setPage,
        }}
        scroll={useTableScroll(scrollX)}
        locale={{ emptyText: empty }}
        columns={columns}
      />
    </Card>
  );
}

/** Tasks of the unit's subtree unmet at their deadline (the worker marks them overdue the day after). */
export function OverdueTasks({ campaignId, unitId }: { campaignId: number | undefined; unitId?: number }) {
  const [page, setPage] = usePageOf(unitId);
  const q = useOverdueTasks(campaignId, unitId, page);
  const total = q.data?.total;
  return (
    <PagedCard<TaskPage['items'][number]>
      title="逾期未完成的任务"
      testId="overdue-tasks"
      total={total}
      tag={<Tag color="error">{total} 项</Tag>}
      q={q}
      page={page}
      setPage={setPage}
      scrollX={420}
      empty={<EmptyHint text="没有逾期任务" next="任务到期未完成时，会在次日出现在这里并通知其上级单位" />}
      columns={[
        { title: '单位', dataIndex: 'holderName', width: 110 },
        { title: '指标', dataIndex: 'indicatorName', ellipsis: true },
        { title: '目标', dataIndex: 'target', align: 'right', render: (v: string, r) => formatFigure(r, v) },
        { title: '截止日期', dataIndex: 'deadline', width: 100, render: (v: string) => <span style={{ color: '#cf1322' }}>{formatDate(v)}</span> },
      ]}
    />
  );
}

/** Employers of the unit's subtree escalated to the key-inspection list whose inspection case is still open. */
export function EscalatedCases({ unitId }: { unitId?: number }) {
  const [page, setPage] = usePageOf(unitId);
  const q = useOpenCases(unitId, page);
  const today = businessToday();
  const total = q.data?.total;
  return (
    <PagedCard<CasePage['items'][number]>
      title="已移交重点检查的用人单位"
      testId="escalated-cases"
      total={total}
      tag={<Tag color="warning">{total} 家</Tag>}
      q={q}
      page={page}
      setPage={setPage}
      scrollX={440}
      empty={<EmptyHint text="没有在办的检查案件" next="多次拒绝参保的用人单位在截止日汇总后移交劳动监察，会出现在这里" />}
      columns={[
        { title: '用人单位', dataIndex: 'employerName', ellipsis: true },
        { title: '区县', dataIndex: 'districtName', width: 72 },
        { title: '未参保', dataIndex: 'uninsuredCount', width: 72, align: 'right', render: (v: number) => formatCount(v) },
        { title: '承办部门', dataIndex: 'departmentName', width: 150, ellipsis: true, responsive: ['xxl'] },
        {
          title: '办理期限',
          dataIndex: 'dueDate',
          width: 100,
          render: (v: string) => <span style={{ color: v < today ? '#cf1322' : undefined }}>{formatDate(v)}</span>,
        },
      ]}
    />
  );
}

const TRIGGER: Record<string, string> = { schedule: '定期通报', manual: '临时通报' };

/** The campaign's five newest bulletins, each downloadable as XLSX. */
export function LatestBulletins({ campaignId }: { campaignId: number | undefined }) {
  const q = useLatestBulletins(campaignId);
  const { message } = App.useApp();
  const [busy, setBusy] = useState<number | null>(null);
  const download = async (id: number, date: string) => {
    setBusy(id);
    try {
      await downloadFile(`/api/bulletins/${id}/xlsx`, {}, `进度通报${date}.xlsx`);
    } catch (e) {
      message.error(toApiError(e).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card title="最新通报" size="small" data-testid="latest-bulletins" style={{ height: '100%' }}>
      <ErrorAlert error={q.error} />
      <List
        loading={q.isLoading}
        dataSource={q.data?.items}
        locale={{ emptyText: <EmptyHint text="暂无通报" next="办公室按通报周期生成进度通报后，会出现在这里" /> }}
        renderItem={(b) => (
          <List.Item
            actions={[
              <Button key="dl" size="small" icon={<DownloadOutlined />} loading={busy === b.id} onClick={() => download(b.id, b.date)}>
                下载
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={`${formatDate(b.date)} 进度通报`}
              description={
                <Typography.Text type="secondary">
                  {b.unitName} · {tagOf(CADENCE, b.cadence).label}
                  {issueLabel(b.issueNo)} · {TRIGGER[b.trigger] ?? b.trigger} · 生成于 {formatDateTime(b.generatedAt)}
                </Typography.Text>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
