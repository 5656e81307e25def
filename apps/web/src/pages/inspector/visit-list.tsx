import { List, Typography } from 'antd';
import { formatDate } from '../../lib/format';
import { ENTRY_STATUS_LABELS } from '../unit/registry-labels';
import { VISIT_METHOD_LABELS } from './case-labels';
import type { ChecklistItem } from './inspector-hooks';

/** The employer's visits by cadres before it was listed, newest first: date, how, what came of it, who. */
export function VisitList({ visits, max }: { visits: ChecklistItem['visits']; max?: number }) {
  const shown = max ? visits.slice(0, max) : visits;
  if (!visits.length) return <Typography.Text type="secondary">暂无走访记录</Typography.Text>;
  return (
    <List
      size="small"
      split={false}
      dataSource={shown}
      renderItem={(v) => (
        <List.Item style={{ padding: '2px 0' }}>
          <Typography.Text>
            {formatDate(v.visitedAt)} {VISIT_METHOD_LABELS[v.method] ?? v.method} · {ENTRY_STATUS_LABELS[v.outcome] ?? v.outcome}
            {v.visitor ? ` · ${v.visitor}` : ''}
            {v.note ? <Typography.Text type="secondary">（{v.note}）</Typography.Text> : null}
          </Typography.Text>
        </List.Item>
      )}
      footer={max && visits.length > max ? <Typography.Text type="secondary">共 {visits.length} 次走访</Typography.Text> : undefined}
    />
  );
}
