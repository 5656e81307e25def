import { Card, Col, Row, Space, Spin, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useMe, useUnit } from '../../auth/auth-hooks';
import { useCampaignChoice } from '../../components/campaign-picker';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { formatPercent } from '../../lib/format';
import { LatestBulletins } from '../dashboard/attention-lists';
import { useDashboard } from '../dashboard/dashboard-hooks';
import { IndicatorCards } from '../dashboard/indicator-cards';
import { UnitBreadcrumb } from '../dashboard/unit-breadcrumb';
import { UnitRowsTable } from '../dashboard/unit-rows-table';
import { UnreportedCard } from '../dashboard/unreported-card';
import { ForecastCard } from '../dashboard/forecast-card';

/** What the caller can do about an empty overview: a unit manager reports, the office sets the campaign going. */
function NextStep({ reports }: { reports: boolean }) {
  return reports ? (
    <EmptyHint
      text="还没有进度数据"
      next="请在“上报进度”中填报本单位各项指标的累计完成数，提交后这里即显示完成率与序时进度"
      action={<Link to="/progress/report">去上报进度</Link>}
    />
  ) : (
    <EmptyHint
      text="还没有进度数据"
      next="任务分解审批通过、各单位上报进度后，这里按指标显示完成率与序时进度"
      action={<Link to="/campaigns">查看扩面任务</Link>}
    />
  );
}

/**
 * 进度与通报: for one campaign, each indicator's actual, target, completion and expected (序时) rate for the caller's
 * unit, its child units' rows with drill-down (the URL keeps campaign, unit and indicator), and the newest bulletins.
 */
export function ProgressOverview() {
  const me = useMe().data!;
  const [params, setParams] = useSearchParams();
  const set = (changes: Record<string, string | number | undefined>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, String(v));
      }
      return next;
    });
  const campaign = useCampaignChoice(params.get('campaignId') ?? undefined, (v) => set({ campaignId: v, unitId: undefined, indicatorId: undefined }));
  const unitId = Number(params.get('unitId')) || me.orgUnitId;
  // a town's children are villages, the bottom of the tree: nothing further to drill into
  const level = useUnit(unitId).data?.level;
  const drill = level === 'town' || level === 'village' ? undefined : (r: { unitId: number }) => set({ unitId: r.unitId });
  const dash = useDashboard(campaign.campaignId ? { campaignId: campaign.campaignId, unitId } : null);
  const indicators = dash.data?.indicators ?? [];
  const indicatorId = Number(params.get('indicatorId')) || indicators[0]?.indicatorId;
  const indicator = indicators.find((i) => i.indicatorId === indicatorId) ?? indicators[0];
  const reports = me.roles.includes('unit_manager');
  const nothing = dash.data && indicators.every((i) => i.total.target === null && Number(i.total.actual) === 0 && i.rows.length === 0);

  if (campaign.none)
    return (
      <Card title="进度与通报" data-testid="progress-overview">
        <EmptyHint text="暂无扩面任务" next="办公室新建并启动扩面任务、分解到各单位后，这里显示各项指标的进度与通报" />
      </Card>
    );

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="progress-overview">
      <Card title="进度与通报">
        <Space wrap style={{ marginBottom: 12 }}>
          {campaign.picker}
          {dash.data && (
            <Typography.Text type="secondary" data-testid="expected-line">
              截至 {dash.data.date}，序时进度 {formatPercent(dash.data.expectedPct)}
            </Typography.Text>
          )}
        </Space>
        <div style={{ marginBottom: 12 }}>
          <UnitBreadcrumb rootId={me.orgUnitId} unitId={unitId} onPick={(id) => set({ unitId: id === me.orgUnitId ? undefined : id })} />
        </div>
        <ErrorAlert error={campaign.error ?? dash.error} />
        <Spin spinning={campaign.loading || (dash.isFetching && !dash.data)}>
          {nothing || (dash.data && !indicators.length) ? (
            <NextStep reports={reports} />
          ) : (
            <IndicatorCards indicators={indicators} selected={indicator?.indicatorId} onSelect={(id) => set({ indicatorId: id })} />
          )}
        </Spin>
      </Card>
      <Row gutter={[16, 16]}>
        {indicator && !nothing && (
          <Col xs={24} xl={16}>
            <Card
              size="small"
              data-testid="unit-rows"
              title={`下级单位进度：${indicator.name}`}
              extra={drill && <Typography.Text type="secondary">点击单位查看其下级</Typography.Text>}
            >
              <UnitRowsTable indicator={indicator} loading={dash.isFetching} onDrill={drill} />
            </Card>
          </Col>
        )}
        <Col xs={24} xl={indicator && !nothing ? 8 : 24}>
          <LatestBulletins campaignId={campaign.campaignId} />
        </Col>
        <Col span={24}>
          <UnreportedCard campaignId={campaign.campaignId} unitId={unitId} />
        </Col>
        <Col span={24}>
          <ForecastCard campaignId={campaign.campaignId} unitId={unitId} />
        </Col>
      </Row>
    </Space>
  );
}
