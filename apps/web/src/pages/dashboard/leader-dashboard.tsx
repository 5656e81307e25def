import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Grid, Row, Space, Spin, Typography } from 'antd';
import { DatePicker } from '../../components/date-picker';
import dayjs from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { downloadFile } from '../../api/download-file';
import { toApiError } from '../../api/errors';
import { useMe, useUnit } from '../../auth/auth-hooks';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { businessToday, formatPercent } from '../../lib/format';
import { EscalatedCases, LatestBulletins, OverdueTasks } from './attention-lists';
import { CampaignSelect, useCampaignChoice } from './campaign-choice';
import { useDashboard, useSeries, useSubmittedCount } from './dashboard-hooks';
import { IndicatorCards } from './indicator-cards';
import { UnitBreadcrumb } from './unit-breadcrumb';
import { UnitRowsTable } from './unit-rows-table';
import { UnreportedCard } from './unreported-card';
import { ForecastCard } from './forecast-card';

const TrendChart = lazy(() => import('./trend-chart'));

/**
 * The leadership's home: each indicator of the campaign for a unit (the caller's, or one drilled down to) with
 * actual, target, completion and expected rate; the child units' rows; the trend; what needs attention (splits to
 * approve, overdue tasks, escalated employers) and the latest bulletins. Campaign, unit, indicator and date are in the URL.
 */
export function LeaderDashboard() {
  const me = useMe().data!;
  const wide = Grid.useBreakpoint().md ?? true;
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const choice = useCampaignChoice();
  const unitId = Number(params.get('unitId')) || me.orgUnitId;
  const date = params.get('date') ?? undefined;
  // a town's children are villages, the bottom of the tree: nothing further to drill into
  const level = useUnit(unitId).data?.level;
  const drill = level === 'town' || level === 'village' ? undefined : (r: { unitId: number }) => set({ unitId: r.unitId });
  const set = (changes: Record<string, string | number | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined || v === '') next.delete(k);
          else next.set(k, String(v));
        }
        return next;
      },
      { replace: false },
    );

  const q = choice.campaignId ? { campaignId: choice.campaignId, unitId, ...(date ? { date } : {}) } : null;
  const dash = useDashboard(q);
  const indicators = dash.data?.indicators ?? [];
  const indicatorId = Number(params.get('indicatorId')) || indicators[0]?.indicatorId;
  const indicator = indicators.find((i) => i.indicatorId === indicatorId) ?? indicators[0];
  const series = useSeries(q && indicator ? { ...q, indicatorId: indicator.indicatorId } : null);
  const submitted = useSubmittedCount();
  const [exporting, setExporting] = useState(false);

  const exportXlsx = async () => {
    if (!q) return;
    setExporting(true);
    try {
      await downloadFile('/api/dashboards/export', q, `进度表${dash.data?.date ?? ''}.xlsx`);
    } catch (e) {
      message.error(toApiError(e).message);
    } finally {
      setExporting(false);
    }
  };

  if (!choice.loading && !choice.campaignId)
    return (
      <Card data-testid="home-leader" title="领导小组工作台">
        <ErrorAlert error={choice.error} />
        <EmptyHint text="暂无进行中的扩面任务" next="办公室新建并启动扩面任务后，这里会显示各项指标的进度" />
      </Card>
    );

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="home-leader">
      <Card
        title="领导小组工作台"
        extra={
          <Button icon={<DownloadOutlined />} onClick={exportXlsx} loading={exporting} disabled={!q}>
            导出进度表
          </Button>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <CampaignSelect choice={choice} />
          <DatePicker
            aria-label="统计日期"
            allowClear
            placeholder="今天"
            value={date ? dayjs(date) : null}
            disabledDate={(d) => d.format('YYYY-MM-DD') > businessToday()}
            onChange={(d) => set({ date: d ? d.format('YYYY-MM-DD') : undefined })}
          />
          {dash.data && (
            <Typography.Text type="secondary">
              截至 {dash.data.date}，序时进度 {formatPercent(dash.data.expectedPct)}；完成率达到 {formatPercent(dash.data.statusRule.aheadFromPct)} 为超序时
            </Typography.Text>
          )}
        </Space>
        <div style={{ marginBottom: 12 }}>
          <UnitBreadcrumb rootId={me.orgUnitId} unitId={unitId} onPick={(id) => set({ unitId: id === me.orgUnitId ? undefined : id })} />
        </div>
        {!!submitted.data && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={
              <span>
                有 {submitted.data} 个任务分解方案等待审批，<Link to="/approvals">去审批</Link>
              </span>
            }
          />
        )}
        <ErrorAlert error={dash.error} />
        <Spin spinning={dash.isFetching && !dash.data}>
          <IndicatorCards indicators={indicators} selected={indicator?.indicatorId} onSelect={(id) => set({ indicatorId: id })} />
        </Spin>
      </Card>

      {indicator && (
        <Card
          size="small"
          title={`下级单位进度：${indicator.name}`}
          extra={wide && drill && <Typography.Text type="secondary">点击单位查看其下级</Typography.Text>}
        >
          <UnitRowsTable indicator={indicator} loading={dash.isFetching} onDrill={drill} />
        </Card>
      )}

      <Row gutter={[16, 16]}>
        {indicator && (
          <Col xs={24} xl={12}>
            <Card size="small" title={`完成趋势：${indicator.total.name}`} style={{ height: '100%' }}>
              <ErrorAlert error={series.error} />
              {series.data && series.data.points.length > 0 ? (
                <Suspense fallback={<Spin />}>
                  <TrendChart indicator={indicator} series={series.data} target={indicator.total.target} />
                </Suspense>
              ) : (
                <Spin spinning={series.isLoading}>
                  <EmptyHint text="还没有上报数据" next="各单位上报进度后，这里按上报日期显示累计完成情况" />
                </Spin>
              )}
            </Card>
          </Col>
        )}
        <Col xs={24} xl={12}>
          <UnreportedCard campaignId={choice.campaignId} unitId={unitId} />
        </Col>
        <Col xs={24} xl={12}>
          <ForecastCard campaignId={choice.campaignId} unitId={unitId} />
        </Col>
        <Col xs={24} xl={12}>
          <OverdueTasks campaignId={choice.campaignId} unitId={unitId} />
        </Col>
        <Col xs={24} xl={12}>
          <EscalatedCases unitId={unitId} />
        </Col>
        <Col xs={24} xl={12}>
          <LatestBulletins campaignId={choice.campaignId} />
        </Col>
      </Row>
    </Space>
  );
}
