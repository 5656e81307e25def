import { Progress, Steps, Tag, Tooltip, Typography } from 'antd';
import { Fragment } from 'react';
import { formatCount, formatDate, formatPercent, formatRatio, formatYuan } from '../../lib/format';
import type { Dashboard } from './unit-hooks';
import { countdown, milestoneSteps } from './task-progress';
import type { IndicatorKind } from './split-total';

export const TASK_STATUS: Record<string, { label: string; color: string }> = {
  open: { label: '进行中', color: 'processing' },
  met: { label: '已完成', color: 'success' },
  completed: { label: '已办结', color: 'default' },
  overdue: { label: '已逾期', color: 'error' },
};

/** A task's target as its indicator counts it; a task without a plan (target null) reads 无计划. */
export function formatTarget(kind: string, unit: string, target: string | null): string {
  return target === null ? '无计划' : formatFigure(kind, unit, target);
}

/** A target or figure as its indicator counts it: people, yuan, or a rate in percent. */
export function formatFigure(kind: string, unit: string, v: string | number | null | undefined): string {
  if (kind === 'ratio' || unit === 'percent') return formatPercent(v);
  if (unit === 'yuan' || kind === 'amount') return formatYuan(v);
  return formatCount(v, '人');
}

/** The unit's figure for a task from its dashboard: actual (ratios: the rate in percent) and completion. */
export function figureOf(
  d: Dashboard | undefined,
  taskId: number,
): { actual: string | null; ratePct: string | null; rate: number | null; status: string | null } | null {
  const ind = d?.indicators.find((i) => i.total.taskId === taskId);
  if (!ind) return null;
  const t = ind.total;
  return { actual: ind.kind === 'ratio' ? (t.value === null ? null : String(t.value * 100)) : t.actual, ratePct: t.ratePct, rate: t.rate, status: t.status };
}

export function ActualCell({ kind, unit, actual }: { kind: string; unit: string; actual: string | null | undefined }) {
  if (actual === null || actual === undefined) return <Typography.Text type="secondary">未上报</Typography.Text>;
  return <>{kind === 'ratio' ? formatRatio(Number(actual) / 100) : formatFigure(kind, unit, actual)}</>;
}

export function CompletionCell({ rate, ratePct }: { rate: number | null | undefined; ratePct: string | null | undefined }) {
  if (rate === null || rate === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  const pct = Math.min(100, Math.max(0, rate * 100));
  return (
    <Tooltip title={`完成率 ${formatPercent(ratePct)}`}>
      <Progress
        percent={Number(pct.toFixed(1))}
        size="small"
        format={() => formatPercent(ratePct)}
        status={rate >= 1 ? 'success' : 'normal'}
        style={{ minWidth: 110, margin: 0 }}
      />
    </Tooltip>
  );
}

/** The milestone bar: each milestone up to the deadline, reached (green), missed (red), the next one due (blue). */
export function MilestoneBar({
  milestones,
  task,
  actual,
  today,
  compact = true,
}: {
  milestones: { dueOn: string; percent: string }[];
  task: { kind: IndicatorKind; target: string | null; deadline: string; unit: string };
  actual: string | null;
  today: string;
  compact?: boolean;
}) {
  // no plan (无计划): no milestone to reach
  if (task.target === null) return <Typography.Text type="secondary">无计划</Typography.Text>;
  const steps = milestoneSteps(milestones, { ...task, target: task.target }, actual, today);
  if (!steps.length) return <Typography.Text type="secondary">无时间节点</Typography.Text>;
  const color = { reached: '#52c41a', missed: '#ff4d4f', current: '#1677ff', later: '#d9d9d9' } as const;
  const label = { reached: '已达到', missed: '未达到', current: '下一节点', later: '未到期' } as const;
  if (compact)
    return (
      <div style={{ display: 'flex', alignItems: 'flex-start', minWidth: 220 }} data-testid="milestones">
        {steps.map((s, i) => (
          <Fragment key={s.dueOn}>
            {i > 0 && (
              <div style={{ flex: 1, minWidth: 12, height: 2, marginTop: 5, background: steps[i - 1].state === 'reached' ? color.reached : '#f0f0f0' }} />
            )}
            <Tooltip title={`${s.dueOn} 序时 ${Number(s.percent)}%，应达 ${formatFigure(task.kind, task.unit, s.expected)}（${label[s.state]}）`}>
              <div style={{ textAlign: 'center', width: 48, fontSize: 12, lineHeight: '16px' }}>
                <div style={{ width: 12, height: 12, borderRadius: 6, background: color[s.state], margin: '0 auto 2px' }} />
                <div style={{ color: s.state === 'missed' ? color.missed : undefined }}>{s.dueOn.slice(5)}</div>
                <div style={{ color: 'rgba(0,0,0,0.45)' }}>{Number(s.percent)}%</div>
              </div>
            </Tooltip>
          </Fragment>
        ))}
      </div>
    );
  const current = steps.findIndex((s) => s.state === 'current');
  return (
    <Steps
      size="small"
      responsive={false}
      current={current === -1 ? steps.length : current}
      style={{ minWidth: 480 }}
      items={steps.map((s) => ({
        title: s.dueOn.slice(5),
        description: `序时 ${Number(s.percent)}%，应达 ${formatFigure(task.kind, task.unit, s.expected)}`,
        status: s.state === 'reached' ? 'finish' : s.state === 'missed' ? 'error' : s.state === 'current' ? 'process' : 'wait',
      }))}
    />
  );
}

export function CountdownTag({ deadline, today, status }: { deadline: string; today: string; status: string }) {
  const c = countdown(deadline, today, status);
  const color = { normal: 'blue', warning: 'orange', danger: 'red', done: 'green' }[c.tone];
  return (
    <Tooltip title={`截止 ${formatDate(deadline)}`}>
      <Tag color={color} data-testid="countdown">
        {c.text}
      </Tag>
    </Tooltip>
  );
}
