import { Button, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { useTableScroll } from '../../components/phone';
import { formatDate } from '../../lib/format';
import { CHANNEL, ROUND_TARGET, tagOf } from '../../lib/office-labels';
import { PlanFormModal } from './plan-form';
import { useCancelPlan, usePlans, type Plan } from './plans-hooks';

const PAGE_SIZE = 20;

/** A campaign's 提醒计划: rounds planned ahead, each starting by itself on its date. */
export function PlansTab({ campaignId }: { campaignId: number | undefined }) {
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const plans = usePlans({ campaignId, page, pageSize: PAGE_SIZE });
  const cancel = useCancelPlan();
  const when = (p: Plan) =>
    p.dates ? p.dates.map(formatDate).join('、') : `自 ${formatDate(p.firstOn)} 起每 ${p.everyMonths} 个月${p.untilOn ? `，至 ${formatDate(p.untilOn)}` : ''}`;

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" disabled={!campaignId} onClick={() => setCreating(true)}>
          新建提醒计划
        </Button>
      </Space>
      <ErrorAlert error={plans.error ?? cancel.error} />
      <Table<Plan>
        rowKey="id"
        size="middle"
        scroll={useTableScroll(860)}
        loading={plans.isFetching}
        dataSource={plans.data?.items}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: plans.data?.total ?? 0, onChange: setPage }}
        locale={{ emptyText: <EmptyHint text="还没有提醒计划" next="点击“新建提醒计划”，选好日期后每轮到期自动发送" /> }}
        columns={[
          { title: '计划名称', dataIndex: 'name' },
          {
            title: '对象',
            dataIndex: 'targets',
            render: (v: string[]) =>
              v.map((t) => (
                <Tag key={t} color={tagOf(ROUND_TARGET, t).color}>
                  {tagOf(ROUND_TARGET, t).label}
                </Tag>
              )),
          },
          { title: '渠道', dataIndex: 'channel', responsive: ['md'], render: (v: string) => tagOf(CHANNEL, v).label },
          { title: '提醒时间', key: 'when', render: (_: unknown, p) => when(p) },
          { title: '已发轮次', dataIndex: 'rounds', responsive: ['sm'] },
          { title: '下次提醒', dataIndex: 'upcoming', render: (v: string[]) => (v.length ? formatDate(v[0]) : '—') },
          { title: '状态', dataIndex: 'active', render: (v: boolean) => (v ? <Tag color="green">执行中</Tag> : <Tag>已停止</Tag>) },
          {
            title: '操作',
            key: 'actions',
            render: (_: unknown, p) =>
              p.active && (
                <Popconfirm title="停止后不再自动开始新的轮次，已开始的轮次照常发送。确定停止？" onConfirm={() => cancel.mutate(p.id)}>
                  <Button type="link" danger>
                    停止计划
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      {campaignId !== undefined && <PlanFormModal campaignId={campaignId} open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}
