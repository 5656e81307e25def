import { Alert, App, Button, Descriptions, Drawer, Form, Grid, Input, Modal, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldErrors } from '../../components/form-errors';
import { compareLines, fromHundredths, sumAgainstParent, toHundredths, type ComparedLine, type LineChange } from '../../lib/allocation-compare';
import { formatDate, formatDateTime } from '../../lib/format';
import { formatFigure } from '../../lib/progress-look';
import { useMe } from '../../auth/auth-hooks';
import { useCampaign } from '../campaigns/campaigns-hooks';
import { useAllocation, useApprove, useReject, type AllocationView } from './approvals-hooks';
import { decisionRight } from './decision-right';
import { ALLOCATION_STATUS } from './allocation-status';

const CHANGE: Record<LineChange, { label: string; color: string; background?: string }> = {
  added: { label: '新增', color: 'success', background: '#f6ffed' },
  removed: { label: '删除', color: 'error', background: '#fff1f0' },
  changed: { label: '调整', color: 'warning', background: '#fffbe6' },
  same: { label: '未变', color: 'default' },
};

const STEP: Record<string, string> = { create: '起草', update: '修改', submit: '提交审批', approve: '批准', reject: '退回' };

/** The version this one replaces: the one it was drafted from, else the split's approved version. */
function replacedId(a: AllocationView): number | null {
  return a.previousId ?? a.versions.find((v) => v.id !== a.id && v.status === 'approved')?.id ?? null;
}

/** A signed amount in the indicator's unit: "+333" → "+333人". */
function signedFigure(ind: { kind: string; unit?: string | null }, delta: string | null): string {
  if (delta === null) return '—';
  const neg = delta.startsWith('-');
  const abs = delta.replace(/^[-+]/, '');
  if (toHundredths(abs) === 0n) return '0';
  return `${neg ? '-' : '+'}${formatFigure(ind, abs)}`;
}

/** One split version read against the version it replaces and the parent target; approve it, or reject it with a reason. */
export function ApprovalDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const wide = Grid.useBreakpoint().md ?? true;
  const one = useAllocation(id);
  const a = one.data;
  const prevId = a ? replacedId(a) : null;
  const prev = useAllocation(prevId);
  const approve = useApprove();
  const reject = useReject();
  const { message } = App.useApp();
  const [rejecting, setRejecting] = useState(false);
  const [approving, setApproving] = useState(false);
  const [rejectForm] = Form.useForm<{ reason: string }>();
  const [approveForm] = Form.useForm<{ comment?: string }>();
  const [banner, setBanner] = useState<unknown>(null);

  const rows: ComparedLine[] = a && (!prevId || prev.data) ? compareLines(a.lines, prev.data?.lines ?? null) : [];
  const check = a ? sumAgainstParent(a.indicator.kind, a.lines, a.parentTarget) : null;
  const ind = a?.indicator ?? { kind: 'count', unit: 'person' };
  const beforeSum = fromHundredths((prev.data?.lines ?? []).reduce((s, l) => s + toHundredths(l.target), 0n));
  const me = useMe().data;
  const campaign = useCampaign(a?.campaignId ?? 0);
  // the decision buttons only for the head and deputies (the API refuses anyone else); the rest read
  const right = me && campaign.data ? decisionRight(me, campaign.data.members) : null;
  const open = a?.status === 'submitted';

  const close = () => {
    setRejecting(false);
    setApproving(false);
    setBanner(null);
    approve.reset();
    reject.reset();
    onClose();
  };

  const doReject = (v: { reason: string }) =>
    reject.mutate(
      { id: id!, reason: v.reason.trim() },
      {
        onSuccess: () => {
          message.success('已退回，分解单位会收到退回理由');
          rejectForm.resetFields();
          close();
        },
        onError: (e) => {
          const { error, unplaced } = showFieldErrors(rejectForm, e);
          setBanner(unplaced ? error : null);
        },
      },
    );

  const doApprove = (v: { comment?: string }) =>
    approve.mutate(
      { id: id!, ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) },
      {
        onSuccess: () => {
          message.success('已批准，下级任务已按本方案下达');
          approveForm.resetFields();
          close();
        },
        onError: (e) => {
          const { error, unplaced } = showFieldErrors(approveForm, e);
          setBanner(unplaced ? error : null);
        },
      },
    );

  const ratio = ind.kind === 'ratio';
  return (
    <Drawer
      open={id !== null}
      onClose={close}
      width={wide ? 820 : '100%'}
      title={a ? `${a.indicator.name} · ${a.allocatingUnit.name} 第${a.version}版` : '任务分解方案'}
      data-testid="approval-drawer"
      extra={
        open &&
        right?.canDecide && (
          <Space>
            <Button danger onClick={() => (setBanner(null), setRejecting(true))}>
              退回
            </Button>
            <Button type="primary" onClick={() => (setBanner(null), setApproving(true))}>
              批准
            </Button>
          </Space>
        )
      }
    >
      <ErrorAlert error={one.error ?? prev.error} />
      {open && right && !right.canDecide && <Alert type="info" showIcon style={{ marginBottom: 16 }} data-testid="decision-note" message={right.whoDecides} />}
      {a && (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={wide ? 2 : 1}>
            <Descriptions.Item label="指标">{a.indicator.name}</Descriptions.Item>
            <Descriptions.Item label="分解单位">{a.allocatingUnit.name}</Descriptions.Item>
            <Descriptions.Item label="上级目标">{formatFigure(ind, a.parentTarget)}</Descriptions.Item>
            <Descriptions.Item label="上级截止日期">{formatDate(a.parentDeadline)}</Descriptions.Item>
            <Descriptions.Item label="本版">
              第{a.version}版 <Tag color={ALLOCATION_STATUS[a.status]?.color}>{ALLOCATION_STATUS[a.status]?.label ?? a.status}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="对比">
              {prevId
                ? `与第${prev.data?.version ?? '…'}版（${ALLOCATION_STATUS[prev.data?.status ?? 'approved']?.label ?? ''}）对比`
                : '首个版本，没有可对比的上一版'}
            </Descriptions.Item>
            <Descriptions.Item label="提交时间">{formatDateTime(a.submittedAt)}</Descriptions.Item>
            {a.rejectReason && <Descriptions.Item label="退回理由">{a.rejectReason}</Descriptions.Item>}
          </Descriptions>

          {check && (
            <Alert
              data-testid="sum-check"
              type={check.fits ? 'success' : 'error'}
              showIcon
              message={
                ratio
                  ? check.fits
                    ? `各单位目标均为上级目标 ${formatFigure(ind, a.parentTarget)}`
                    : `以下单位的目标与上级目标 ${formatFigure(ind, a.parentTarget)} 不一致：${check.offLines.join('、')}`
                  : check.fits
                    ? `各单位合计 ${formatFigure(ind, check.total)}，与上级目标 ${formatFigure(ind, a.parentTarget)} 一致`
                    : `各单位合计 ${formatFigure(ind, check.total)}，比上级目标 ${formatFigure(ind, a.parentTarget)} ${check.diff.startsWith('-') ? '少' : '多'} ${formatFigure(ind, check.diff.replace(/^[-+]/, ''))}`
              }
            />
          )}

          <Table<ComparedLine>
            rowKey="key"
            size="small"
            loading={one.isFetching || prev.isFetching}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 640 }}
            data-testid="compare-lines"
            onRow={(r) => ({ style: { background: CHANGE[r.change].background } })}
            columns={[
              {
                title: '单位',
                dataIndex: 'name',
                fixed: 'left',
                width: 150,
                render: (v: string, r) => <span style={{ textDecoration: r.change === 'removed' ? 'line-through' : undefined }}>{v}</span>,
              },
              { title: '变化', dataIndex: 'change', width: 70, render: (c: LineChange) => <Tag color={CHANGE[c].color}>{CHANGE[c].label}</Tag> },
              {
                title: '上一版目标',
                dataIndex: 'before',
                align: 'right',
                render: (v: string | null, r: ComparedLine) => (r.noPlanBefore ? '无计划' : formatFigure(ind, v)),
              },
              {
                title: '本版目标',
                dataIndex: 'after',
                align: 'right',
                render: (v: string | null, r: ComparedLine) => (r.noPlanAfter ? '无计划' : formatFigure(ind, v)),
              },
              {
                title: '增减',
                dataIndex: 'delta',
                align: 'right',
                render: (v: string | null) => (
                  <span style={{ color: v?.startsWith('-') ? '#cf1322' : v?.startsWith('+') ? '#389e0d' : undefined }}>{signedFigure(ind, v)}</span>
                ),
              },
              {
                title: '截止日期',
                key: 'deadline',
                render: (_: unknown, r) =>
                  r.change === 'changed' && r.deadlineBefore !== r.deadlineAfter ? (
                    <span>
                      <Typography.Text delete type="secondary">
                        {formatDate(r.deadlineBefore ?? a.parentDeadline)}
                      </Typography.Text>{' '}
                      {formatDate(r.deadlineAfter ?? a.parentDeadline)}
                    </span>
                  ) : (
                    formatDate(r.deadlineAfter ?? r.deadlineBefore ?? a.parentDeadline)
                  ),
              },
            ]}
            summary={() =>
              ratio ? null : (
                <Table.Summary.Row style={{ fontWeight: 600, background: '#fafafa' }}>
                  <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} />
                  <Table.Summary.Cell index={2} align="right">
                    {prevId ? formatFigure(ind, beforeSum) : '—'}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {formatFigure(ind, check?.total)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">
                    {prevId ? signedFigure(ind, fromHundredths(toHundredths(check?.total ?? '0') - toHundredths(beforeSum))) : '—'}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5} />
                </Table.Summary.Row>
              )
            }
          />

          <div>
            <Typography.Title level={5}>审批记录</Typography.Title>
            <Timeline
              items={a.steps.map((s) => ({
                color: s.action === 'reject' ? 'red' : s.action === 'approve' ? 'green' : 'blue',
                children: (
                  <>
                    <div>
                      {STEP[s.action] ?? s.action} · {s.actorUsername ?? '系统'} · {formatDateTime(s.at)}
                    </div>
                    {s.comment && <Typography.Text type="secondary">{s.comment}</Typography.Text>}
                  </>
                ),
              }))}
            />
          </div>
        </Space>
      )}

      <Modal
        open={rejecting}
        title="退回任务分解方案"
        okText="退回"
        okButtonProps={{ danger: true, loading: reject.isPending }}
        cancelText="取消"
        onCancel={() => setRejecting(false)}
        onOk={() => rejectForm.submit()}
        destroyOnHidden
      >
        <ErrorAlert error={banner} />
        <Form form={rejectForm} layout="vertical" onFinish={doReject}>
          <Form.Item name="reason" label="退回理由" rules={[{ required: true, whitespace: true, message: '请填写退回理由，分解单位将据此修改' }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder="例如：东湖区目标偏低，请按上年完成情况调整" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        open={approving}
        title="批准任务分解方案"
        okText="批准"
        okButtonProps={{ loading: approve.isPending }}
        cancelText="取消"
        onCancel={() => setApproving(false)}
        onOk={() => approveForm.submit()}
        destroyOnHidden
      >
        <ErrorAlert error={banner} />
        {check && !check.fits && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="各单位目标与上级目标不一致，系统将拒绝批准" />}
        <Typography.Paragraph>批准后，各下级单位的任务按本版目标和截止日期下达（已有任务随之调整）。</Typography.Paragraph>
        <Form form={approveForm} layout="vertical" onFinish={doApprove}>
          <Form.Item name="comment" label="审批意见（可不填）">
            <Input.TextArea rows={3} maxLength={2000} placeholder="同意" />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
