import { Breadcrumb, Card, Col, Descriptions, Row, Tag } from 'antd';
import { Link, useParams } from 'react-router';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { businessToday, formatDate } from '../../lib/format';
import { ActualCell, CompletionCell, CountdownTag, figureOf, formatTarget, MilestoneBar, TASK_STATUS } from './figures';
import { SplitEditor } from './split-editor';
import type { IndicatorKind } from './split-total';
import { useDashboard, useTask } from './unit-hooks';

/** One of my tasks: its figures against its milestones and deadline, and the split of it over my children or cadres. */
export function TaskDetailPage() {
  const id = Number(useParams().id);
  const task = useTask(id);
  const t = task.data;
  const dash = useDashboard(t?.campaignId, t?.holderUnitId);
  if (task.error) return <ErrorAlert error={task.error} />;
  if (!t) return <Card loading />;
  const f = figureOf(dash.data, t.id);
  const today = businessToday();
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Breadcrumb
          items={[
            { title: <Link to="/tasks">本单位任务</Link> },
            ...t.chain.filter((c) => c.id !== t.id).map((c) => ({ title: `${c.holderName}` })),
            { title: t.holderName },
          ]}
        />
      </Col>
      <Col span={24}>
        <Card
          title={t.indicatorName}
          extra={<Tag color={TASK_STATUS[t.status]?.color}>{TASK_STATUS[t.status]?.label ?? t.status}</Tag>}
          data-testid="task-detail"
        >
          <Descriptions column={{ xs: 1, sm: 2, lg: 3 }} size="small">
            <Descriptions.Item label="扩面任务">
              <Link to={`/campaigns/${t.campaignId}`}>{t.campaignName}</Link>
            </Descriptions.Item>
            <Descriptions.Item label="承担">{t.holderName}</Descriptions.Item>
            <Descriptions.Item label="目标">{formatTarget(t.kind, t.unit, t.target)}</Descriptions.Item>
            <Descriptions.Item label="完成">
              <ActualCell kind={t.kind} unit={t.unit} actual={f?.actual} />
            </Descriptions.Item>
            <Descriptions.Item label="完成率">
              <CompletionCell rate={f?.rate} ratePct={f?.ratePct} />
            </Descriptions.Item>
            <Descriptions.Item label="截止">
              {formatDate(t.deadline)} <CountdownTag deadline={t.deadline} today={today} status={t.status} />
            </Descriptions.Item>
          </Descriptions>
          <div style={{ overflowX: 'auto', marginTop: 16 }}>
            <MilestoneBar
              milestones={t.milestones}
              task={{ kind: t.kind as IndicatorKind, target: t.target, deadline: t.deadline, unit: t.unit }}
              actual={f?.actual ?? null}
              today={today}
              compact={false}
            />
          </div>
        </Card>
      </Col>
      <Col span={24}>
        <Card title="分解任务">{t.status === 'completed' ? <EmptyHint text="任务已办结" next="已办结的任务不再分解" /> : <SplitEditor task={t} />}</Card>
      </Col>
    </Row>
  );
}
