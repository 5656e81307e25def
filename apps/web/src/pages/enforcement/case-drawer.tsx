import { Alert, Descriptions, Drawer, Empty, Grid, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { ErrorAlert } from '../../components/error-alert';
import { formatCount, formatDate, formatDateTime, formatYuan } from '../../lib/format';
import { CASE_EVENT, CASE_STATE, tagOf } from '../../lib/office-labels';
import { useCase, type CaseDetail } from './case-hooks';

type CaseEvent = CaseDetail['events'][number];

/** The case's state as one tag: open, rectified, or closed otherwise. */
export function caseStateTag(c: { status: string; resolution: string | null }) {
  const s = tagOf(CASE_STATE, c.status === 'open' ? 'open' : (c.resolution ?? 'closed'));
  return <Tag color={s.color}>{s.label}</Tag>;
}

/** What one step of the history says beyond its kind and time. */
function eventText(e: CaseEvent): string {
  switch (e.kind) {
    case 'assigned':
      return e.assigneeName ? `分派给 ${e.assigneeName}` : '';
    case 'visited':
      return e.findings ?? '';
    case 'rectification_ordered':
      return e.deadline ? `改正期限 ${formatDate(e.deadline)}` : '';
    case 'overdue':
      return e.deadline ? `改正期限 ${formatDate(e.deadline)} 已过，未整改` : '';
    case 'rectified':
      return e.enrolledCount !== null ? `参保 ${formatCount(e.enrolledCount)}` : '';
    case 'penalised':
      return e.amount ? `罚款 ${formatYuan(e.amount)}` : '';
    case 'closed':
      return e.reason ?? '';
    default:
      return '';
  }
}

/** One case: the employer, its deadlines and what was done so far (outcomes in order). */
export function CaseDrawer({ id, onClose }: { id?: number; onClose: () => void }) {
  const wide = Grid.useBreakpoint().md ?? true;
  const detail = useCase(id);
  const c = detail.data;
  return (
    <Drawer open={id !== undefined} onClose={onClose} width={wide ? 820 : '100%'} title={c ? `检查案件 ${c.id} · ${c.employerName}` : '检查案件'}>
      <ErrorAlert error={detail.error} />
      {detail.isLoading && <Spin />}
      {c && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          {c.overdue && (
            <Alert
              type="error"
              showIcon
              message={c.rectificationDeadline ? `限期改正已逾期（期限 ${formatDate(c.rectificationDeadline)}）` : `已超过办理期限（${formatDate(c.dueDate)}）`}
            />
          )}
          <Descriptions size="small" bordered column={wide ? 2 : 1} styles={{ label: { whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label="用人单位">{c.employerName}</Descriptions.Item>
            <Descriptions.Item label="统一社会信用代码">{c.uscc}</Descriptions.Item>
            <Descriptions.Item label="地址">{c.address ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="所属区县 / 镇街">{[c.districtName, c.townName].filter(Boolean).join(' / ') || '—'}</Descriptions.Item>
            <Descriptions.Item label="未参保人数">{formatCount(c.uninsuredCount)}</Descriptions.Item>
            <Descriptions.Item label="拒绝参保次数">{formatCount(c.refusalCount, '次')}</Descriptions.Item>
            <Descriptions.Item label="承办部门">{c.departmentName}</Descriptions.Item>
            <Descriptions.Item label="检查人员">{c.assigneeName ?? '未分派'}</Descriptions.Item>
            <Descriptions.Item label="状态">{caseStateTag(c)}</Descriptions.Item>
            <Descriptions.Item label="立案时间">{formatDateTime(c.openedAt)}</Descriptions.Item>
            <Descriptions.Item label="办理期限">
              <Typography.Text type={c.overdue ? 'danger' : undefined}>{formatDate(c.dueDate)}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="限期改正截止">{formatDate(c.rectificationDeadline)}</Descriptions.Item>
            <Descriptions.Item label="整改参保">{c.enrolledCount !== null ? formatCount(c.enrolledCount) : '—'}</Descriptions.Item>
            <Descriptions.Item label="罚款">{c.penaltyAmount ? formatYuan(c.penaltyAmount) : '—'}</Descriptions.Item>
            <Descriptions.Item label="移交税务">{formatDateTime(c.referredToTaxAt)}</Descriptions.Item>
            <Descriptions.Item label="结案">
              {c.closedAt ? `${formatDateTime(c.closedAt)}${c.closeReason ? `（${c.closeReason}）` : ''}` : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="走访记录">
              {c.visits.length ? `走访 ${c.visits.length} 次，最近 ${formatDate(c.visits[0].visitedAt)}` : '无'}
            </Descriptions.Item>
            <Descriptions.Item label="既往案件">
              {c.previousCases.length
                ? c.previousCases
                    .map((p) => `${p.departmentName} ${formatDate(p.openedAt)}${p.resolution === 'rectified' ? ' 已整改' : p.closedAt ? ' 已结案' : ' 办理中'}`)
                    .join('；')
                : '无'}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ margin: 0 }}>
            办理经过
          </Typography.Title>
          {c.events.length ? (
            <Timeline
              items={c.events.map((e) => {
                const k = tagOf(CASE_EVENT, e.kind);
                const text = eventText(e);
                return {
                  color: e.kind === 'overdue' ? 'red' : k.color === 'success' ? 'green' : 'blue',
                  children: (
                    <span data-testid="case-event">
                      <Tag color={k.color}>{k.label}</Tag>
                      {formatDateTime(e.at)}
                      {e.actor ? ` · ${e.actor}` : ''}
                      {text && <Typography.Text type="secondary">{`：${text}`}</Typography.Text>}
                    </span>
                  ),
                };
              })}
            />
          ) : (
            <Empty description="尚无办理记录" />
          )}
        </Space>
      )}
    </Drawer>
  );
}
