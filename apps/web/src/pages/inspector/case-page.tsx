import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, List, Row, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { useMe } from '../../auth/auth-hooks';
import { ErrorAlert } from '../../components/error-alert';
import { formatCount, formatDate, formatDateTime, formatYuan } from '../../lib/format';
import { EVENT_LABELS } from './case-labels';
import { useCase, type CaseDetail } from './inspector-hooks';
import { OutcomeForm } from './outcome-form';
import { VisitList } from './visit-list';

function statusTag(c: CaseDetail) {
  if (c.status === 'open') return <Tag color={c.rectificationOverdueAt ? 'red' : 'processing'}>{c.rectificationOverdueAt ? '逾期未改正' : '办理中'}</Tag>;
  return <Tag color={c.resolution === 'rectified' ? 'success' : 'default'}>{c.resolution === 'rectified' ? '已整改结案' : '已结案'}</Tag>;
}

/** What one event adds to the case's story: the findings, the deadline, the number enrolled, the amount or the reason. */
function eventLine(e: CaseDetail['events'][number]): string {
  return [
    e.findings,
    e.deadline && `改正期限 ${e.deadline}`,
    e.enrolledCount !== null && `参保 ${e.enrolledCount} 人`,
    e.amount && `罚款 ${formatYuan(e.amount)}`,
    e.reason,
  ]
    .filter(Boolean)
    .join('；');
}

/** One case: the employer, the case so far, recording the next outcome, and the printable rectification order. */
export function CasePage() {
  const id = Number(useParams().id);
  const me = useMe().data!;
  const q = useCase(id);
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!q.data) return <Spin />;
  const c = q.data;
  const mine = c.assigneeId === me.id;
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card>
          <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
            <Space direction="vertical" size={0}>
              <Typography.Title level={4} style={{ margin: 0 }}>
                {c.employerName} {statusTag(c)}
              </Typography.Title>
              <Typography.Text type="secondary">
                案件 {c.id} · {c.departmentName} · 承办人 {c.assigneeName ?? '未分派'}
              </Typography.Text>
            </Space>
            <Space wrap>
              <Link to="/inspector">
                <Button>返回检查清单</Button>
              </Link>
              {c.rectificationOrder && (
                <Link to={`/print/rectification-order/${c.id}`}>
                  <Button icon={<PrinterOutlined />}>打印限期改正指令书</Button>
                </Link>
              )}
            </Space>
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="用人单位" size="small">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="统一社会信用代码">{c.uscc}</Descriptions.Item>
            <Descriptions.Item label="法定代表人">{c.legalRepresentative ?? '未登记'}</Descriptions.Item>
            <Descriptions.Item label="地址">{c.address ?? '未登记'}</Descriptions.Item>
            <Descriptions.Item label="所属">{[c.districtName, c.townName].filter(Boolean).join(' ') || '未登记'}</Descriptions.Item>
            <Descriptions.Item label="未参保人数">{formatCount(c.uninsuredCount)}</Descriptions.Item>
            <Descriptions.Item label="拒绝参保">{c.refusalCount} 次</Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="案件办理" size="small">
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="立案">{formatDateTime(c.openedAt)}</Descriptions.Item>
            <Descriptions.Item label="办理期限">{c.dueDate}</Descriptions.Item>
            <Descriptions.Item label="限期改正">
              {c.rectificationOrder ? `${c.rectificationOrder.number}，期限 ${c.rectificationOrder.deadline}` : '未下达'}
            </Descriptions.Item>
            {c.enrolledCount !== null && <Descriptions.Item label="已参保">{formatCount(c.enrolledCount)}</Descriptions.Item>}
            {c.penaltyAmount && <Descriptions.Item label="罚款">{formatYuan(c.penaltyAmount)}</Descriptions.Item>}
            {c.referredToTaxAt && <Descriptions.Item label="移交税务">{formatDate(c.referredToTaxAt)}</Descriptions.Item>}
            {c.closeReason && <Descriptions.Item label="结案原因">{c.closeReason}</Descriptions.Item>}
          </Descriptions>
        </Card>
      </Col>
      {c.status === 'open' && mine && (
        <Col xs={24} lg={12}>
          <Card title="登记处理结果" size="small" data-testid="outcome-card">
            <OutcomeForm caseId={c.id} />
          </Card>
        </Col>
      )}
      <Col xs={24} lg={12}>
        <Card title="案件经过" size="small">
          <Timeline
            items={c.events.map((e) => ({
              children: (
                <>
                  <Typography.Text strong>{EVENT_LABELS[e.kind] ?? e.kind}</Typography.Text>{' '}
                  <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
                  {e.actor && <Typography.Text type="secondary"> · {e.actor}</Typography.Text>}
                  {eventLine(e) && <div>{eventLine(e)}</div>}
                </>
              ),
            }))}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="走访记录" size="small">
          <VisitList visits={c.visits} />
        </Card>
      </Col>
      {c.previousCases.length > 0 && (
        <Col xs={24} lg={12}>
          <Card title="既往案件" size="small">
            <List
              size="small"
              dataSource={c.previousCases}
              renderItem={(p) => (
                <List.Item>
                  {p.departmentName} · {formatDate(p.openedAt)} 立案 ·{' '}
                  {p.resolution === 'rectified' ? '已整改' : p.closedAt ? `已结案${p.closeReason ? `（${p.closeReason}）` : ''}` : '办理中'}
                </List.Item>
              )}
            />
          </Card>
        </Col>
      )}
    </Row>
  );
}
