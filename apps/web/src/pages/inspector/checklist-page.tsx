import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMe } from '../../auth/auth-hooks';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { businessToday, formatCount } from '../../lib/format';
import { useChecklist, type ChecklistItem } from './inspector-hooks';
import { VisitList } from './visit-list';

/** Whether a due date has passed, is today or within three days (the tag's colour). */
function dueColour(due: string, today: string): string | undefined {
  if (due < today) return 'red';
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + 3);
  return due <= soon.toISOString().slice(0, 10) ? 'orange' : undefined;
}

function CaseCard({ c, today }: { c: ChecklistItem; today: string }) {
  return (
    <Card
      size="small"
      title={c.employerName}
      data-testid={`checklist-case-${c.id}`}
      extra={
        <Tag color={dueColour(c.dueDate, today)} style={{ marginInlineEnd: 0 }}>
          {c.rectificationDeadline ? '改正期限' : '办理期限'} {c.dueDate}
        </Tag>
      }
      actions={[
        <Link key="open" to={`/inspector/cases/${c.id}`}>
          <Button type="link">查看案件、登记结果</Button>
        </Link>,
      ]}
    >
      <Descriptions size="small" column={1} colon>
        <Descriptions.Item label="地址">{c.address ?? '未登记'}</Descriptions.Item>
        <Descriptions.Item label="所属">{[c.districtName, c.townName].filter(Boolean).join(' ') || '未登记'}</Descriptions.Item>
        <Descriptions.Item label="未参保">
          <Typography.Text strong>{formatCount(c.uninsuredCount)}</Typography.Text>
          <Typography.Text type="secondary">（拒绝参保 {c.refusalCount} 次）</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="走访记录">
          <VisitList visits={c.visits} max={2} />
        </Descriptions.Item>
        {c.previousCases.length > 0 && <Descriptions.Item label="既往案件">{c.previousCases.length} 件</Descriptions.Item>}
      </Descriptions>
    </Card>
  );
}

/** The inspector's home: today's checklist of open cases assigned to them, by due date, and its printout. */
export function ChecklistPage() {
  const me = useMe().data!;
  const [page, setPage] = useState(1);
  const list = useChecklist({ page, pageSize: 20 });
  const today = businessToday();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="home-inspector">
      <Card>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              今日检查清单
            </Typography.Title>
            <Typography.Text type="secondary">
              {me.displayName || me.username} · {today} · 待办案件 {list.data?.total ?? 0} 件，按期限先后排列
            </Typography.Text>
          </div>
          <Link to="/print/checklist">
            <Button icon={<PrinterOutlined />} disabled={!list.data?.total}>
              打印检查清单
            </Button>
          </Link>
        </Space>
      </Card>
      <ErrorAlert error={list.error} />
      <List
        grid={{ gutter: 16, xs: 1, sm: 1, md: 2, xl: 3 }}
        loading={list.isFetching}
        dataSource={list.data?.items}
        locale={{ emptyText: <EmptyHint text="今天没有待办的检查案件" next="部门负责人分派案件后，会出现在这里并通知您" /> }}
        pagination={(list.data?.total ?? 0) > 20 ? { current: page, pageSize: 20, total: list.data?.total, onChange: setPage, showSizeChanger: false } : false}
        renderItem={(c) => (
          <List.Item>
            <CaseCard c={c} today={today} />
          </List.Item>
        )}
      />
    </Space>
  );
}
