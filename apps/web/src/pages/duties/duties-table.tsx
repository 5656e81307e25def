import { App, Button, Popconfirm, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { formatDate } from '../../lib/format';
import { useDeliverDuty, useDuties, useDutyChanges, type Duty } from './duties-hooks';
import { DutyForm } from './duty-form';

/** When a duty falls due, in words: "每月 31 日", "每季度末月 10 日", "一次（2026-09-30）" (a day past a month end: its last day). */
function cadenceText(d: Duty): string {
  if (d.cadence === 'once') return `一次（${formatDate(d.dueOn)}）`;
  return d.cadence === 'monthly' ? `每月 ${d.dueDay} 日` : `每季度末月 ${d.dueDay} 日`;
}

function StatusTag({ d }: { d: Duty }) {
  if (d.nextDue === null) return <Tag color="success">已全部报送</Tag>;
  if (d.overdue) return <Tag color="error">逾期未报送</Tag>;
  return <Tag color="processing">待报送</Tag>;
}

/**
 * The campaign's member-department duties: what each department delivers, how often, the due date waited on, the
 * latest delivery and whether it is overdue. `deliver`: the rows get "标记已报送" (today, the server's, as the delivery date).
 * `manage` (the office of a campaign not closed): 登记报送职责 above, 修改 and 删除 on each row.
 */
export function DutiesTable({
  campaignId,
  deliver,
  manage = false,
  empty,
}: {
  campaignId: number;
  deliver: boolean;
  manage?: boolean;
  empty: { text: string; next: string };
}) {
  const [page, setPage] = useState(1);
  const list = useDuties(campaignId, page);
  const mark = useDeliverDuty();
  const { remove } = useDutyChanges(campaignId);
  const [editing, setEditing] = useState<Duty | 'new' | null>(null);
  const { message } = App.useApp();
  return (
    <>
      {manage && (
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" onClick={() => setEditing('new')}>
            登记报送职责
          </Button>
        </Space>
      )}
      {editing && <DutyForm campaignId={campaignId} duty={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
      <ErrorAlert error={list.error ?? mark.error ?? remove.error} />
      <Table<Duty>
        size="small"
        rowKey="id"
        scroll={{ x: 'max-content' }}
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyHint text={empty.text} next={empty.next} /> }}
        columns={[
          { title: '成员单位', dataIndex: 'departmentName' },
          { title: '报送数据', dataIndex: 'label' },
          { title: '频次', key: 'cadence', render: (_, d) => cadenceText(d) },
          { title: '本期截止', dataIndex: 'nextDue', render: (v: string | null) => (v ? formatDate(v) : '—') },
          {
            title: '最近报送',
            key: 'last',
            render: (_, d) => (d.lastDeliveredOn ? `${formatDate(d.lastDeliveredOn)}（${formatDate(d.lastDueDelivered)} 期）` : '尚未报送'),
          },
          { title: '状态', key: 'status', render: (_, d) => <StatusTag d={d} /> },
          ...(deliver || manage
            ? [
                {
                  title: '操作',
                  key: 'action',
                  render: (_: unknown, d: Duty) => (
                    <Space size={0}>
                      {deliver && d.nextDue !== null && (
                        <Popconfirm
                          title={`以今天为报送日期，标记“${d.label}”${formatDate(d.nextDue)} 期已报送？`}
                          okText="标记已报送"
                          cancelText="取消"
                          onConfirm={() => mark.mutateAsync(d.id).then(() => void message.success(`已标记 ${formatDate(d.nextDue)} 期已报送`))}
                        >
                          <Button size="small" type="link" loading={mark.isPending && mark.variables === d.id}>
                            标记已报送
                          </Button>
                        </Popconfirm>
                      )}
                      {manage && (
                        <Button size="small" type="link" onClick={() => setEditing(d)}>
                          修改
                        </Button>
                      )}
                      {manage && (
                        <Popconfirm
                          title={`删除${d.departmentName}的“${d.label}”报送职责？其报送记录和提醒一并删除。`}
                          okText="删除"
                          okButtonProps={{ danger: true }}
                          cancelText="取消"
                          onConfirm={() => remove.mutateAsync(d.id).then(() => void message.success('已删除报送职责'))}
                        >
                          <Button size="small" type="link" danger loading={remove.isPending && remove.variables === d.id}>
                            删除
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}
