import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Table, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { SECONDARY, useTableScroll } from '../../components/phone';
import { formatDate } from '../../lib/format';
import { neededPace, projectedText } from './forecast-text';

export type ForecastList = Answer<'/api/forecasts', 'get'>;
type Row = ForecastList['items'][number];

/** The tasks of the unit's children that will miss their deadline at the current pace, worst first, one page. */
export function useForecasts(campaignId: number | undefined, unitId: number | undefined, page: number, pageSize = 5) {
  return useQuery({
    queryKey: ['forecasts', { campaignId, unitId, page, pageSize }],
    queryFn: () => unwrap<ForecastList>(api.GET('/api/forecasts', { params: { query: { campaignId: campaignId!, unitId, page, pageSize } } })),
    enabled: campaignId !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** The card "预计无法按期完成": at the pace of the last four weeks, who will not reach the target by the deadline, and the pace each needs. */
export function ForecastCard({ campaignId, unitId }: { campaignId: number | undefined; unitId?: number }) {
  const [page, setPage] = useState(1);
  useEffect(() => setPage(1), [unitId, campaignId]);
  const q = useForecasts(campaignId, unitId, page);
  const total = q.data?.total;
  const scroll = useTableScroll(560);
  return (
    <Card
      title="预计无法按期完成"
      size="small"
      data-testid="forecast-miss"
      extra={total ? <Tag color="error">{total} 项</Tag> : undefined}
      style={{ height: '100%' }}
    >
      <ErrorAlert error={q.error} />
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        按近四周的进度推算截止日的完成情况，并给出从今天起每天、每周需要的进度
      </Typography.Paragraph>
      <Table<Row>
        rowKey={(r) => `${r.indicatorId}-${r.unitId}`}
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
          showTotal: (t: number) => `共 ${t} 项`,
          onChange: setPage,
        }}
        scroll={scroll}
        locale={{ emptyText: <EmptyHint text="按当前进度，各单位任务均可按期完成" next="进度放缓的单位会出现在这里" /> }}
        columns={[
          { title: '单位', dataIndex: 'unitName', width: 100 },
          { title: '指标', dataIndex: 'indicatorName', ellipsis: true },
          { title: '截止', dataIndex: 'deadline', width: 100, ...SECONDARY, render: (v: string) => formatDate(v) },
          {
            title: '预计完成',
            key: 'projected',
            width: 96,
            align: 'right',
            render: (_: unknown, r) => (
              <Tooltip title={r.trend?.reachOn ? `按近四周进度，${formatDate(r.trend.reachOn)} 达到目标` : '按近四周进度无法达到目标'}>
                <span style={{ color: '#cf1322' }}>{projectedText(r)}</span>
              </Tooltip>
            ),
          },
          { title: '需要进度', key: 'needed', width: 150, render: (_: unknown, r) => neededPace(r) },
        ]}
      />
    </Card>
  );
}
