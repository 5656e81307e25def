import { App, Button, Card, Col, Descriptions, Drawer, Grid, Progress, Row, Select, Space, Spin, Statistic, Table, Tag } from 'antd';
import { ErrorAlert } from '../../components/error-alert';
import { useLocalTableParams } from '../../components/use-local-table-params';
import { formatDate, formatDateTime, formatYuan } from '../../lib/format';
import { CHANNEL, MESSAGE_STATE, roundIsMoving, roundProgress, ROUND_STATUS, ROUND_TARGET, tagOf } from '../../lib/office-labels';
import {
  useResendFailed,
  useRound,
  useRoundMessages,
  useStartRound,
  type MessageListQuery,
  type MessageState,
  type RoundDetail,
  type RoundMessage,
} from './rounds-hooks';

const MESSAGE_SORTS = ['name', 'state', 'sentAt'] as const satisfies readonly NonNullable<MessageListQuery['sort']>[];

const TOTALS: { key: keyof RoundDetail['totals']; label: string }[] = [
  { key: 'queued', label: '排队中' },
  { key: 'sending', label: '发送中' },
  { key: 'sent', label: '已发送待回执' },
  { key: 'delivered', label: '已送达' },
  { key: 'failed', label: '失败' },
  { key: 'skipped', label: '已跳过' },
  { key: 'total', label: '合计' },
];

/** Starts a planned round (the office confirms first). */
export function useStartWithConfirm() {
  const { modal, message } = App.useApp();
  const start = useStartRound();
  const ask = (r: { id: number; name: string }) =>
    modal.confirm({
      title: `开始发送“${r.name}”？`,
      content: '系统将按名册为覆盖范围内的每位提醒对象生成一条消息并发送（免打扰时段顺延），每人只发一次。',
      okText: '开始发送',
      cancelText: '取消',
      onOk: () => start.mutateAsync(r.id).then(() => message.success('已开始发送')),
    });
  return { ask, start };
}

/** A round: its delivery totals (refreshing while messages are on their way), its messages by state, start and resend. */
export function RoundDrawer({ id, onClose }: { id?: number; onClose: () => void }) {
  const { message } = App.useApp();
  const wide = Grid.useBreakpoint().md ?? true;
  const round = useRound(id);
  const r = round.data;
  const moving = !!r && roundIsMoving(r.status, r.totals);
  const t = useLocalTableParams(['state'] as const, 20, MESSAGE_SORTS);
  const state = t.filters.state as MessageState | undefined;
  const messages = useRoundMessages(id, { ...t.query, ...(state ? { state } : {}) }, moving);
  const { ask, start } = useStartWithConfirm();
  const resend = useResendFailed();
  const p = r ? roundProgress(r.totals) : { handed: 0, final: 0 };

  const actions = r && (
    <Space wrap>
      {r.status === 'planned' && (
        <Button type="primary" loading={start.isPending} onClick={() => ask(r)}>
          开始发送
        </Button>
      )}
      {r.status !== 'planned' && r.totals.failed > 0 && (
        <Button
          loading={resend.isPending}
          onClick={() =>
            resend.mutate(r.id, {
              onSuccess: (x) => message.success(`已重发 ${x.resent} 条${x.permanent ? `，${x.permanent} 条号码无效不再重发` : ''}`),
            })
          }
        >
          重发失败消息
        </Button>
      )}
    </Space>
  );
  return (
    <Drawer
      open={id !== undefined}
      onClose={() => {
        t.reset();
        onClose();
      }}
      width={wide ? 1040 : '100%'}
      title={r ? r.name : '提醒轮次'}
      extra={wide ? actions : undefined}
    >
      <ErrorAlert error={round.error ?? start.error ?? resend.error} />
      {!wide && actions && <div style={{ marginBottom: 12 }}>{actions}</div>}
      {round.isLoading && <Spin />}
      {r && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions size="small" styles={{ label: { whiteSpace: 'nowrap' } }} bordered column={wide ? 3 : 1}>
            <Descriptions.Item label="状态">
              <Tag color={tagOf(ROUND_STATUS, r.status).color}>{tagOf(ROUND_STATUS, r.status).label}</Tag>
              {moving && <Tag color="processing">实时刷新中</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="提醒对象">{tagOf(ROUND_TARGET, r.target).label}</Descriptions.Item>
            <Descriptions.Item label="渠道">{tagOf(CHANNEL, r.channel).label}</Descriptions.Item>
            <Descriptions.Item label="计划日期">{formatDate(r.plannedFor)}</Descriptions.Item>
            <Descriptions.Item label="模板">{r.templateKind}</Descriptions.Item>
            <Descriptions.Item label="缴费标准">{formatYuan(r.amount)}</Descriptions.Item>
            <Descriptions.Item label="缴费截止">{formatDate(r.deadline)}</Descriptions.Item>
            <Descriptions.Item label="开始时间">{formatDateTime(r.startedAt)}</Descriptions.Item>
            <Descriptions.Item label="完成时间">{formatDateTime(r.finishedAt)}</Descriptions.Item>
          </Descriptions>
          <Card size="small" title="发送情况" data-testid="round-totals">
            <Progress percent={p.handed} success={{ percent: p.final }} status={moving ? 'active' : undefined} format={() => `${p.final}% 已有结果`} />
            <Row gutter={[8, 8]} style={{ marginTop: 8 }}>
              {TOTALS.map((t) => (
                <Col key={t.key} xs={8} sm={6} md={3}>
                  <Statistic
                    title={t.label}
                    value={r.totals[t.key]}
                    valueStyle={t.key === 'failed' && r.totals.failed ? { color: '#cf1322' } : undefined}
                    data-testid={`total-${t.key}`}
                  />
                </Col>
              ))}
            </Row>
          </Card>
          <Space wrap>
            <Select
              allowClear
              placeholder="全部状态"
              aria-label="消息状态"
              style={{ width: 160 }}
              value={state}
              onChange={(v: MessageState | undefined) => t.setFilter('state', v)}
              options={Object.entries(MESSAGE_STATE).map(([value, s]) => ({ value, label: s.label }))}
            />
          </Space>
          <Table<RoundMessage>
            rowKey="id"
            size="small"
            scroll={{ x: 1150 }}
            loading={messages.isFetching && !messages.isPlaceholderData && !moving}
            dataSource={messages.data?.items}
            pagination={{ ...t.pagination, total: messages.data?.total ?? 0 }}
            onChange={t.onTableChange}
            locale={{ emptyText: r.status === 'planned' ? '开始发送后，这里会列出每位提醒对象的消息' : '没有该状态的消息' }}
            columns={[
              { title: '姓名', dataIndex: 'name', ...t.sortable('name'), fixed: 'left', width: 90 },
              { title: '手机号', dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
              {
                title: '状态',
                dataIndex: 'state',
                ...t.sortable('state'),
                render: (v: string) => <Tag color={tagOf(MESSAGE_STATE, v).color}>{tagOf(MESSAGE_STATE, v).label}</Tag>,
              },
              { title: '失败原因', dataIndex: 'failureReason', render: (v: string | null) => v ?? '—' },
              { title: '重发', dataIndex: 'resends', align: 'right' },
              { title: '顺延至', dataIndex: 'heldUntil', width: 150, render: (v: string | null) => (v ? formatDateTime(v) : '—'), responsive: ['lg'] },
              { title: '发送时间', dataIndex: 'sentAt', ...t.sortable('sentAt'), width: 150, render: (v: string | null) => formatDateTime(v) },
              { title: '送达时间', dataIndex: 'deliveredAt', width: 150, render: (v: string | null) => formatDateTime(v), responsive: ['md'] },
              { title: '内容', dataIndex: 'body', ellipsis: true, width: 240, responsive: ['xl'], render: (v: string | null) => v ?? '—' },
            ]}
          />
        </Space>
      )}
    </Drawer>
  );
}
