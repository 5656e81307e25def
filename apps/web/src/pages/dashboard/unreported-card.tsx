import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { SECONDARY, useIsPhone, useTableScroll } from '../../components/phone';
import { formatDate } from '../../lib/format';

export type ReportingCompleteness = Answer<'/api/reporting-completeness', 'get'>;
type Row = ReportingCompleteness['items'][number];

const CADENCE: Record<ReportingCompleteness['cadence'], string> = { weekly: '每周', biweekly: '每两周', monthly: '每月' };

/** Units of the subtree (default: the caller's unit) that have not reported since the current period started, one page. */
export function useUnreported(campaignId: number | undefined, unitId: number | undefined, page: number, pageSize = 5) {
  return useQuery({
    queryKey: ['reporting-completeness', { campaignId, unitId, page, pageSize }],
    queryFn: () =>
      unwrap<ReportingCompleteness>(api.GET('/api/reporting-completeness', { params: { query: { campaignId: campaignId!, unitId, page, pageSize } } })),
    enabled: campaignId !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** The period and how many of the units holding tasks have not reported in it, as the card's subtitle says it. */
export function unreportedSummary(d: Pick<ReportingCompleteness, 'cadence' | 'period' | 'expectedUnits' | 'total'>): string {
  if (!d.period) return '不在扩面任务期内';
  return `报送周期${CADENCE[d.cadence]}，本期 ${d.period.start} 至 ${d.period.end}：${d.expectedUnits} 个单位中 ${d.total} 个未报送`;
}

/** The card "未报送单位": who, among the units holding tasks below the unit, has not reported in this period, laggards first. */
export function UnreportedCard({ campaignId, unitId }: { campaignId: number | undefined; unitId?: number }) {
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [unitId, campaignId]);
  const q = useUnreported(campaignId, unitId, page);
  const total = q.data?.total;
  const scroll = useTableScroll(520);
  // a phone shows who and how late, the indicators wrapping under them; the last report and the managers from md up
  const phone = useIsPhone();
  return (
    <Card
      title="未报送单位"
      size="small"
      data-testid="unreported-units"
      extra={total ? <Tag color="warning">{total} 个</Tag> : undefined}
      style={{ height: '100%' }}
    >
      <ErrorAlert error={q.error} />
      {q.data && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {unreportedSummary(q.data)}
        </Typography.Paragraph>
      )}
      <Table<Row>
        rowKey="unitId"
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
          showTotal: (t: number) => `共 ${t} 个`,
          onChange: setPage,
        }}
        scroll={scroll}
        locale={{ emptyText: <EmptyHint text="本期各单位均已报送" next="报送周期最后一天仍未报送的单位，其负责人会收到提醒" /> }}
        columns={[
          { title: '单位', dataIndex: 'name', width: phone ? 96 : 110 },
          { title: '未报指标', dataIndex: 'indicators', ellipsis: !phone, render: (v: Row['indicators']) => v.map((i) => i.name).join('、') },
          { title: '最近报送', dataIndex: 'lastReportOn', width: 100, ...SECONDARY, render: (v: string | null) => (v ? formatDate(v) : '从未报送') },
          {
            title: '逾期',
            dataIndex: 'daysOverdue',
            width: 64,
            align: 'right',
            render: (v: number) => (v > 0 ? <span style={{ color: '#cf1322' }}>{v} 天</span> : '-'),
          },
          {
            title: '负责人',
            dataIndex: 'managers',
            width: 150,
            ...SECONDARY,
            render: (v: Row['managers'], r) => (
              <span>
                {v.length ? v.map((m) => `${m.name}${m.phone ? ` ${m.phone}` : ''}`).join('；') : '未设负责人'}
                {r.remindedAt && (
                  <Tag color="default" style={{ marginLeft: 4 }}>
                    已提醒
                  </Tag>
                )}
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}
