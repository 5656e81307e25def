import { Button, Card, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCampaignChoice } from '../../components/campaign-picker';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { useOpenParam } from '../../components/use-open-param';
import { useTableParams } from '../../components/use-table-params';
import { formatDate, formatDateTime } from '../../lib/format';
import { CHANNEL, ROUND_STATUS, ROUND_TARGET, tagOf } from '../../lib/office-labels';
import { RoundDrawer, useStartWithConfirm } from './round-drawer';
import { CountsTab } from './counts-tab';
import { PlansTab } from './plans-tab';
import { RoundPlanModal } from './round-plan';
import { useRounds, type Round, type RoundListQuery } from './rounds-hooks';

const SORTS = ['name', 'plannedFor', 'status'] as const satisfies readonly NonNullable<RoundListQuery['sort']>[];
import { useTableScroll } from '../../components/phone';

/**
 * Reminder rounds to the public: plan one, start it, follow its delivery, resend the failed messages; the campaign's
 * 提醒计划 (rounds planned ahead, started on their dates) and 提醒次数 (per person this year).
 */
export function RoundsPage() {
  const t = useTableParams(['campaignId'] as const, undefined, SORTS);
  const [openId, setOpen] = useOpenParam('round');
  const [planning, setPlanning] = useState(false);
  const campaign = useCampaignChoice(t.filters.campaignId, (v) => t.setFilter('campaignId', v));
  const { page, pageSize, sort, order } = t.query;
  const rounds = useRounds({ campaignId: campaign.campaignId, page, pageSize, ...(sort ? { sort, order } : {}) });
  const { ask, start } = useStartWithConfirm();
  const [tab, setTab] = useState('rounds');

  return (
    <Card
      title="提醒轮次"
      extra={
        tab === 'rounds' && (
          <Button type="primary" disabled={!campaign.campaignId} onClick={() => setPlanning(true)}>
            计划新轮次
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        {campaign.picker}
      </Space>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'rounds',
            label: '提醒轮次',
            children: (
              <>
                <ErrorAlert error={campaign.error ?? rounds.error ?? start.error} />
                <Table<Round>
                  rowKey="id"
                  size="middle"
                  scroll={useTableScroll(760)}
                  loading={rounds.isFetching || campaign.loading}
                  dataSource={rounds.data?.items}
                  pagination={{ ...t.pagination, total: rounds.data?.total ?? 0 }}
                  onChange={t.onTableChange}
                  locale={{ emptyText: <EmptyHint text="还没有提醒轮次" next="点击“计划新轮次”，选择提醒对象和模板后开始发送" /> }}
                  columns={[
                    {
                      title: '名称',
                      dataIndex: 'name',
                      ...t.sortable('name'),
                      render: (v: string, r) => <Typography.Link onClick={() => setOpen(r.id)}>{v}</Typography.Link>,
                    },
                    { title: '计划日期', dataIndex: 'plannedFor', ...t.sortable('plannedFor'), render: (v: string) => formatDate(v) },
                    {
                      title: '对象',
                      dataIndex: 'target',
                      responsive: ['sm'],
                      render: (v: string) => <Tag color={tagOf(ROUND_TARGET, v).color}>{tagOf(ROUND_TARGET, v).label}</Tag>,
                    },
                    { title: '渠道', dataIndex: 'channel', responsive: ['md'], render: (v: string) => tagOf(CHANNEL, v).label },
                    {
                      title: '状态',
                      dataIndex: 'status',
                      ...t.sortable('status'),
                      render: (v: string) => <Tag color={tagOf(ROUND_STATUS, v).color}>{tagOf(ROUND_STATUS, v).label}</Tag>,
                    },
                    { title: '开始时间', dataIndex: 'startedAt', responsive: ['lg'], render: (v: string | null) => formatDateTime(v) },
                    {
                      title: '操作',
                      key: 'actions',
                      render: (_: unknown, r) => (
                        <Space size={0} wrap>
                          {r.status === 'planned' && (
                            <Button type="link" onClick={() => ask(r)}>
                              开始发送
                            </Button>
                          )}
                          <Button type="link" onClick={() => setOpen(r.id)}>
                            发送情况
                          </Button>
                        </Space>
                      ),
                    },
                  ]}
                />
              </>
            ),
          },
          { key: 'plans', label: '提醒计划', children: <PlansTab campaignId={campaign.campaignId} /> },
          { key: 'counts', label: '提醒次数', children: <CountsTab campaignId={campaign.campaignId} /> },
        ]}
      />
      {campaign.campaignId !== undefined && (
        <RoundPlanModal campaignId={campaign.campaignId} open={planning} onClose={() => setPlanning(false)} onPlanned={(r) => setOpen(r.id)} />
      )}
      <RoundDrawer id={openId} onClose={() => setOpen(undefined)} />
    </Card>
  );
}
