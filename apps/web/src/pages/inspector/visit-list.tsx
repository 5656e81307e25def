import { List, Typography } from 'antd';
import { formatDate } from '../../lib/format';
import type { ChecklistItem } from './inspector-hooks';
import { useRegistryLabels } from '../registry/registry-hooks';

/** The employer's visits by cadres before it was listed, newest first: date, how, what came of it, who. */
export function VisitList({ visits, max }: { visits: ChecklistItem['visits']; max?: number }) {
  const labels = useRegistryLabels();
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
            {formatDate(v.visitedAt)} {labels.method.label(v.method)} · {labels.status.label(v.outcome)}
            {v.visitor ? ` · ${v.visitor}` : ''}
            {v.note ? <Typography.Text type="secondary">（{v.note}）</Typography.Text> : null}
          </Typography.Text>
        </List.Item>
      )}
      footer={max && visits.length > max ? <Typography.Text type="secondary">共 {visits.length} 次走访</Typography.Text> : undefined}
    />
  );
}
