import { Alert, Button, Card, Input, List, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMe, useUnit } from '../../auth/auth-hooks';
import { ErrorAlert } from '../../components/error-alert';
import { useTableParams } from '../../components/use-table-params';
import { formatDate } from '../../lib/format';
import { useEmployers, usePeople } from '../unit/unit-hooks';
import { EntryCard, type Entry } from './entry-card';
import { OUTCOMES_BY_KIND, STATUS_COLORS } from './field-labels';
import { usePoliceChecks } from './field-hooks';
import { discardVisit, useOutbox } from './visit-outbox';
import { useRegistryLabels } from '../registry/registry-hooks';

type Tab = 'person' | 'employer' | 'police';
const TABS: { value: Tab; label: string }[] = [
  { value: 'person', label: '人员' },
  { value: 'employer', label: '单位' },
  { value: 'police', label: '派出所核查' },
];
/** Visits still on the phone: how many wait for a signal, and the ones the API refused (to read and discard). */
function OutboxBanner() {
  const outbox = useOutbox();
  const waiting = outbox.filter((v) => !v.failed);
  const failed = outbox.filter((v) => v.failed);
  if (!outbox.length) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {waiting.length > 0 && <Alert type="warning" showIcon message={`${waiting.length} 条走访待发送，有信号后自动发送`} data-testid="outbox-waiting" />}
      {failed.map((v) => (
        <Alert
          key={v.key}
          type="error"
          showIcon
          message={`${v.entryName} 的走访未能保存`}
          description={v.failed}
          action={
            <Button size="small" onClick={() => discardVisit(v.key)}>
              删除
            </Button>
          }
        />
      ))}
    </Space>
  );
}

/**
 * /field: the cadre's day on a phone — my people and employers, the ones not visited longest first, filtered by
 * status, group and recommendation, searched by name, phone or full ID number; a tap opens the entry card with the
 * visits and 登记走访. 派出所核查 lists the unreachable people of my area for the police station's household check.
 */
export function FieldPage() {
  const labels = useRegistryLabels();
  const me = useMe().data!;
  const unit = useUnit(me.orgUnitId).data;
  // a village's cadre checks the whole town's unreachable people at the town's police station
  const policeUnitId = unit?.level === 'village' && unit.parentId ? unit.parentId : me.orgUnitId;
  const t = useTableParams(['tab', 'q', 'status', 'group', 'recommendation', 'order'] as const);
  const tab: Tab = t.filters.tab === 'employer' || t.filters.tab === 'police' ? t.filters.tab : 'person';
  const [search, setSearch] = useState(t.filters.q ?? '');
  const [open, setOpen] = useState<Entry>();
  const outbox = useOutbox();
  const common = {
    page: t.query.page,
    pageSize: t.query.pageSize,
    sort: 'lastVisitAt' as const,
    order: t.filters.order === 'desc' ? ('desc' as const) : ('asc' as const),
    ...(t.filters.q ? { q: t.filters.q } : {}),
    ...(t.filters.status ? { status: t.filters.status as never } : {}),
  };
  const people = usePeople(
    {
      ...common,
      mine: true,
      ...(t.filters.group ? { group: t.filters.group as never } : {}),
      ...(t.filters.recommendation ? { recommendation: t.filters.recommendation as never } : {}),
    },
    tab === 'person',
  );
  const employers = useEmployers({ ...common, mine: true }, tab === 'employer');
  const police = usePoliceChecks({ unitId: policeUnitId, page: t.query.page, pageSize: t.query.pageSize }, tab === 'police' && !!unit);
  const list = tab === 'person' ? people : tab === 'employer' ? employers : police;
  const queued = new Set(outbox.filter((v) => !v.failed).map((v) => `${v.body.kind}:${v.body.entryId}`));
  const rows: Entry[] =
    tab === 'employer'
      ? (employers.data?.items ?? []).map((row) => ({ kind: 'employer', row }))
      : ((tab === 'person' ? people : police).data?.items ?? []).map((row) => ({ kind: 'person', row }));

  const [, setParams] = useSearchParams();
  // a new tab starts afresh: its own filters, page 1
  const switchTab = (v: Tab) => {
    setSearch('');
    setParams(v === 'person' ? {} : { tab: v }, { replace: true });
  };
  const current = open && (rows.find((e) => e.kind === open.kind && e.row.id === open.row.id) ?? open);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12} data-testid="home-field">
      <OutboxBanner />
      <Segmented block options={TABS} value={tab} onChange={(v) => switchTab(v as Tab)} />
      {tab !== 'police' ? (
        <>
          <Input.Search
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            onSearch={(v) => t.setFilter('q', v.trim() || undefined)}
            placeholder={tab === 'person' ? '姓名、手机号或完整身份证号' : '单位名称或统一社会信用代码'}
            allowClear
            enterButton="搜索"
            maxLength={100}
            aria-label="搜索"
          />
          <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 8 }}>
            <Select
              allowClear
              placeholder="走访状态"
              value={t.filters.status}
              onChange={(v) => t.setFilter('status', v)}
              options={labels.status.options.filter((o) => o.value === 'pending' || (OUTCOMES_BY_KIND[tab] as readonly string[]).includes(o.value))}
            />
            <Select
              value={t.filters.order === 'desc' ? 'desc' : 'asc'}
              onChange={(v) => t.setFilter('order', v === 'asc' ? undefined : v)}
              options={[
                { value: 'asc', label: '久未走访在前' },
                { value: 'desc', label: '最近走访在前' },
              ]}
            />
            {tab === 'person' && (
              <>
                <Select allowClear placeholder="人员类别" value={t.filters.group} onChange={(v) => t.setFilter('group', v)} options={labels.group.options} />
                <Select
                  allowClear
                  placeholder="建议险种"
                  value={t.filters.recommendation}
                  onChange={(v) => t.setFilter('recommendation', v)}
                  options={labels.recommendation.options}
                />
              </>
            )}
          </div>
        </>
      ) : (
        <Typography.Text type="secondary">本辖区走访“联系不上”的人员，请交派出所核对户籍。</Typography.Text>
      )}
      <ErrorAlert error={list.error} />
      <List
        loading={list.isLoading}
        dataSource={rows}
        rowKey={(e) => `${e.kind}:${e.row.id}`}
        locale={{ emptyText: t.filters.q ? '没有找到匹配的名册记录' : tab === 'police' ? '暂无需要核查的人员' : '暂无分配给您的名册' }}
        pagination={
          (list.data?.total ?? 0) > t.query.pageSize
            ? {
                current: t.query.page,
                pageSize: t.query.pageSize,
                total: list.data?.total,
                size: 'small',
                simple: true,
                onChange: (page) => t.onTableChange({ current: page, pageSize: t.query.pageSize }, null, []),
              }
            : false
        }
        renderItem={(e) => (
          <Card size="small" hoverable style={{ marginBottom: 8 }} onClick={() => setOpen(e)} data-testid="entry-item">
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
              <Typography.Text strong>{e.row.name}</Typography.Text>
              <span>
                {queued.has(`${e.kind}:${e.row.id}`) && <Tag color="orange">待发送</Tag>}
                <Tag color={STATUS_COLORS[e.row.status] ?? 'default'} style={{ marginInlineEnd: 0 }}>
                  {labels.status.label(e.row.status)}
                </Tag>
              </span>
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {e.kind === 'person'
                ? `${e.row.idNumber} · ${e.row.age} 岁 · ${labels.recommendation.label(e.row.recommendation)}`
                : `未参保 ${e.row.uninsuredCount} 人 · ${e.row.unitName}`}
            </Typography.Text>
            <div style={{ fontSize: 12, color: '#8c8c8c' }}>
              {e.row.lastVisitAt ? `最近走访 ${formatDate(e.row.lastVisitAt)}（共 ${e.row.visitCount} 次）` : '尚未走访'}
            </div>
          </Card>
        )}
      />
      {current && <EntryCard entry={current} onClose={() => setOpen(undefined)} />}
    </Space>
  );
}
