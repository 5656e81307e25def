import { Card, Input, Popover, Select, Space, Table, Typography } from 'antd';
import { DatePicker } from '../../components/date-picker';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { useTableParams } from '../../components/use-table-params';
import { formatDateTime } from '../../lib/format';
import { useAuditLog, type AuditQuery } from './audit-hooks';
import { ACTION_LABELS, auditChanges, ENTITY_LABELS, type AuditAction, type AuditEntry } from './audit-labels';
import { SECONDARY, useTableScroll } from '../../components/phone';

const SORTS = ['at', 'actorUsername', 'action', 'entity'] as const satisfies readonly NonNullable<AuditQuery['sort']>[];

const ACTION_OPTIONS = (Object.entries(ACTION_LABELS) as [AuditAction, string][]).map(([value, label]) => ({ value, label: `${label}（${value}）` }));

/** Who did what and when, in the caller's subtree: filters by action, user and a range of days (Beijing time); sorted on the server. */
export function AuditPage() {
  const t = useTableParams(['action', 'actor', 'entity', 'from', 'to'] as const, undefined, SORTS);
  const [, setParams] = useSearchParams();
  const f = t.filters;
  const query = {
    page: t.query.page,
    pageSize: t.query.pageSize,
    ...(t.query.sort ? { sort: t.query.sort, order: t.query.order } : {}),
    ...Object.fromEntries(Object.entries(f).filter(([, v]) => v)),
  };
  const log = useAuditLog(query);
  const filtered = Object.values(f).some(Boolean);

  return (
    <Card title="操作日志">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder="全部操作"
          style={{ width: 220 }}
          value={f.action}
          onChange={(v) => t.setFilter('action', v)}
          options={ACTION_OPTIONS}
          aria-label="操作"
        />
        <Select
          allowClear
          placeholder="全部对象"
          style={{ width: 150 }}
          value={f.entity}
          onChange={(v) => t.setFilter('entity', v)}
          options={Object.entries(ENTITY_LABELS).map(([value, label]) => ({ value, label }))}
          aria-label="对象"
        />
        <Input.Search
          allowClear
          placeholder="操作人用户名"
          defaultValue={f.actor}
          onSearch={(v) => t.setFilter('actor', v.trim() || undefined)}
          style={{ width: 200 }}
          aria-label="操作人"
        />
        <DatePicker.RangePicker
          value={f.from && f.to ? [dayjs(f.from), dayjs(f.to)] : null}
          onChange={(r) =>
            // both ends in one URL change (two setFilter calls would each start from the same URL)
            setParams(
              (prev) => {
                const next = new URLSearchParams(prev);
                next.delete('page');
                for (const [k, d] of [
                  ['from', r?.[0]],
                  ['to', r?.[1]],
                ] as const) {
                  if (d) next.set(k, d.format('YYYY-MM-DD'));
                  else next.delete(k);
                }
                return next;
              },
              { replace: true },
            )
          }
          allowClear
          aria-label="日期"
        />
      </Space>
      <ErrorAlert error={log.error} />
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        loading={log.isFetching}
        dataSource={log.data?.items}
        pagination={{ ...t.pagination, total: log.data?.total ?? 0 }}
        onChange={t.onTableChange}
        scroll={useTableScroll(1040)}
        locale={{
          emptyText: filtered ? (
            <EmptyHint text="没有符合条件的记录" next="放宽日期范围或清除筛选" />
          ) : (
            <EmptyHint text="暂无操作记录" next="本单位及下级单位的登录、修改、导入等操作会记录在这里" />
          ),
        }}
        columns={[
          { title: '时间', dataIndex: 'at', ...t.sortable('at'), width: 150, render: (v: string) => formatDateTime(v) },
          {
            title: '操作人',
            dataIndex: 'actorUsername',
            ...t.sortable('actorUsername'),
            width: 130,
            render: (v: string | null) => (v === 'system' ? '系统' : (v ?? '—')),
          },
          { title: '操作', dataIndex: 'action', ...t.sortable('action'), width: 150, render: (a: AuditAction) => ACTION_LABELS[a] ?? a },
          {
            title: '对象',
            ...t.sortable('entity'),
            width: 150,
            ...SECONDARY,
            render: (_: unknown, e) => (
              <span>
                {ENTITY_LABELS[e.entity] ?? e.entity} <Typography.Text type="secondary">#{e.entityId}</Typography.Text>
              </span>
            ),
          },
          {
            title: '变更内容',
            dataIndex: 'changes',
            width: 340,
            ...SECONDARY,
            render: (c: AuditEntry['changes']) => <Changes changes={c} />,
          },
          { title: 'IP', dataIndex: 'ip', width: 120, render: (v: string | null) => v ?? '—', responsive: ['lg'] },
        ]}
      />
      <Typography.Text type="secondary">手机号码等敏感信息已脱敏显示；日期按北京时间。</Typography.Text>
    </Card>
  );
}

const SHOWN = 3;

/** A row's changes, a line each (cut to the column), the first few inline and all of them on demand. */
function Changes({ changes }: { changes: AuditEntry['changes'] }) {
  const rows = auditChanges(changes);
  if (!rows.length) return <>—</>;
  const line = (r: (typeof rows)[number]) => (
    <div key={r.field} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
      <Typography.Text type="secondary">{r.field}：</Typography.Text>
      {r.before === '—' ? r.after : `${r.before} → ${r.after}`}
    </div>
  );
  return (
    <div style={{ fontSize: 12, lineHeight: '18px', maxWidth: 320 }}>
      {rows.slice(0, SHOWN).map(line)}
      {rows.length > SHOWN && (
        <Popover content={<div style={{ fontSize: 12, maxWidth: 420, wordBreak: 'break-all' }}>{rows.map(line)}</div>} title="全部变更" trigger="click">
          <a>查看全部 {rows.length} 项</a>
        </Popover>
      )}
    </div>
  );
}
