import { App, Button, Descriptions, Drawer, Grid, Space, Spin, Tag } from 'antd';
import { ErrorAlert } from '../../components/error-alert';
import { formatDate, formatDateTime, formatPercent, formatYuan } from '../../lib/format';
import { SETTLEMENT_STATE, tagOf } from '../../lib/office-labels';
import { SettlementLines } from './settlement-lines';
import { useConfirmSettlement, useRecomputeSettlement, useSettlement, type Settlement } from './settlements-hooks';

/** One settlement: its tiers and amounts per unit and cadre; a draft can be recomputed, then confirmed (frozen). */
export function SettlementDrawer({ id, onClose, onDownload }: { id?: number; onClose: () => void; onDownload: (id: number, period: string) => void }) {
  const { modal, message } = App.useApp();
  const wide = Grid.useBreakpoint().md ?? true;
  const s = useSettlement(id);
  const recompute = useRecomputeSettlement();
  const confirm = useConfirmSettlement();
  const d = s.data;
  const draft = d?.state === 'draft';

  const askConfirm = (x: Settlement) =>
    modal.confirm({
      title: '确认本次结算？',
      content: `确认后结算结果冻结，不能再重新计算。奖励合计 ${formatYuan(x.totals.reward)}，扣减合计 ${formatYuan(x.totals.deduction)}，共 ${x.totals.lines} 行。`,
      okText: '确认结算',
      cancelText: '再看看',
      onOk: () => confirm.mutateAsync(x.id).then(() => message.success('结算已确认')),
    });

  const actions = d && (
    <Space wrap>
      {draft && (
        <Button loading={recompute.isPending} onClick={() => recompute.mutate(d.id, { onSuccess: () => message.success('已按最新进度重新计算') })}>
          重新计算
        </Button>
      )}
      {draft && (
        <Button type="primary" loading={confirm.isPending} onClick={() => askConfirm(d)}>
          确认结算
        </Button>
      )}
      <Button onClick={() => onDownload(d.id, d.period)}>下载 XLSX</Button>
    </Space>
  );
  return (
    <Drawer
      open={id !== undefined}
      onClose={onClose}
      width={wide ? 960 : '100%'}
      title={d ? `奖惩结算（${formatDate(d.period)}）` : '奖惩结算'}
      extra={wide ? actions : undefined}
    >
      <ErrorAlert error={s.error ?? recompute.error ?? confirm.error} />
      {!wide && actions && <div style={{ marginBottom: 12 }}>{actions}</div>}
      {s.isLoading && <Spin />}
      {d && (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Descriptions size="small" styles={{ label: { whiteSpace: 'nowrap' } }} bordered column={wide ? 3 : 1}>
            <Descriptions.Item label="单位">{d.unitName}</Descriptions.Item>
            <Descriptions.Item label="指标" span={wide ? 2 : 1}>
              {d.indicatorName}
            </Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={tagOf(SETTLEMENT_STATE, d.state).color}>{tagOf(SETTLEMENT_STATE, d.state).label}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="结算周期">{formatDate(d.period)}</Descriptions.Item>
            <Descriptions.Item label="进度截至">{formatDate(d.asOf)}</Descriptions.Item>
            <Descriptions.Item label="奖励合计">{formatYuan(d.totals.reward)}</Descriptions.Item>
            <Descriptions.Item label="扣减合计">{formatYuan(d.totals.deduction)}</Descriptions.Item>
            <Descriptions.Item label="计算时间">{formatDateTime(d.computedAt)}</Descriptions.Item>
            <Descriptions.Item label="奖惩档次" span={wide ? 2 : 1}>
              完成率≥{formatPercent(d.settings.A)} 每新增 1 人奖 {formatYuan(d.settings.X)}；完成目标每人奖 {formatYuan(d.settings.Y)}；低于{' '}
              {formatPercent(d.settings.B)} 通报约谈；零进度每人扣 {formatYuan(d.settings.Z)}
            </Descriptions.Item>
            <Descriptions.Item label="确认时间">{d.confirmedAt ? formatDateTime(d.confirmedAt) : '未确认'}</Descriptions.Item>
          </Descriptions>
          <SettlementLines id={d.id} />
        </Space>
      )}
    </Drawer>
  );
}
