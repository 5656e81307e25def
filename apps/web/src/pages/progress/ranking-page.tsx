import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Select, Space, Typography } from 'antd';
import { DatePicker } from '../../components/date-picker';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { downloadFile } from '../../api/download-file';
import { toApiError } from '../../api/errors';
import { useMe, useUnit } from '../../auth/auth-hooks';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { businessToday, formatPercent } from '../../lib/format';
import { CampaignSelect, useCampaignChoice } from '../dashboard/campaign-choice';
import { useRanking } from '../dashboard/ranking-hooks';
import { UnitBreadcrumb } from '../dashboard/unit-breadcrumb';
import { UnitRowsTable } from '../dashboard/unit-rows-table';

/** 进度排名 (seed 002 annex 5): the child units of a unit ranked per indicator as of a date, and the XLSX of it. */
export function RankingPage() {
  const me = useMe().data!;
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const choice = useCampaignChoice();
  const unitId = Number(params.get('unitId')) || me.orgUnitId;
  const date = params.get('date') ?? undefined;
  // a town's children are villages, the bottom of the tree: nothing further to drill into
  const level = useUnit(unitId).data?.level;
  const drill = level === 'town' || level === 'village' ? undefined : (r: { unitId: number }) => set({ unitId: r.unitId });
  const indicatorId = Number(params.get('indicatorId')) || undefined;
  const set = (changes: Record<string, string | number | undefined>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(changes)) {
        if (v === undefined || v === '') next.delete(k);
        else next.set(k, String(v));
      }
      return next;
    });

  const base = choice.campaignId ? { campaignId: choice.campaignId, unitId, ...(date ? { date } : {}) } : null;
  const all = useRanking(base); // every indicator: the choices, and the screen when none is chosen
  const one = useRanking(base && indicatorId ? { ...base, indicatorId } : null);
  const shown = indicatorId ? one : all;
  const [exporting, setExporting] = useState(false);

  const exportXlsx = async () => {
    if (!base) return;
    setExporting(true);
    try {
      const { size } = await downloadFile('/api/rankings/export', base, `进度排名${shown.data?.date ?? ''}.xlsx`);
      message.success(`已下载排名表（${Math.ceil(size / 1024)} KB）`);
    } catch (e) {
      message.error(toApiError(e).message);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card
      title="进度排名"
      extra={
        <Button type="primary" icon={<DownloadOutlined />} loading={exporting} disabled={!base} onClick={exportXlsx}>
          下载排名表
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <CampaignSelect choice={choice} />
        <Select
          aria-label="指标"
          style={{ minWidth: 220, maxWidth: '100%' }}
          popupMatchSelectWidth={false}
          value={indicatorId ?? 0}
          onChange={(v) => set({ indicatorId: v || undefined })}
          options={[{ value: 0, label: '全部指标' }, ...(all.data?.indicators ?? []).map((i) => ({ value: i.indicatorId, label: i.name }))]}
        />
        <DatePicker
          aria-label="统计日期"
          placeholder="今天"
          value={date ? dayjs(date) : null}
          disabledDate={(d) => d.format('YYYY-MM-DD') > businessToday()}
          onChange={(d) => set({ date: d ? d.format('YYYY-MM-DD') : undefined })}
        />
      </Space>
      <div style={{ marginBottom: 12 }}>
        <UnitBreadcrumb rootId={me.orgUnitId} unitId={unitId} onPick={(id) => set({ unitId: id === me.orgUnitId ? undefined : id })} />
      </div>
      {shown.data && (
        <Typography.Paragraph type="secondary">
          截至 {shown.data.date}，序时进度 {formatPercent(shown.data.expectedPct)}。按完成率排名，完成率相同按完成数，再按单位代码。点击单位查看其下级的排名。
        </Typography.Paragraph>
      )}
      <ErrorAlert error={choice.error ?? shown.error} />
      {!choice.loading && !choice.campaignId && <EmptyHint text="暂无进行中的扩面任务" next="办公室启动扩面任务并分解到各单位后，这里显示各单位的排名" />}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {(shown.data?.indicators ?? []).map((ind) => (
          <div key={ind.indicatorId} data-testid={`ranking-${ind.code}`}>
            <Typography.Title level={5}>{ind.name}</Typography.Title>
            <UnitRowsTable indicator={ind} ranked loading={shown.isFetching} onDrill={drill} />
          </div>
        ))}
      </Space>
    </Card>
  );
}
