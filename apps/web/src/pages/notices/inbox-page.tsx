import { App, Badge, Button, Card, Segmented, Space, Table, Typography } from 'antd';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { useTableParams } from '../../components/use-table-params';
import { formatDateTime } from '../../lib/format';
import { useMarkAllRead, useMarkRead, useNoticePreferences, useNotices, useSetNoticePreferences, type Notice } from './inbox-hooks';

/** /notices (消息通知): my notices, newest first, paged on the server; only the unread ones on request; mark one or all read. */
export function InboxPage() {
  const { message } = App.useApp();
  const t = useTableParams(['unread'] as const);
  const unreadOnly = t.filters.unread === 'true';
  const notices = useNotices({ page: t.query.page, pageSize: t.query.pageSize, ...(unreadOnly ? { unread: true } : {}) });
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const unread = notices.data?.unread ?? 0;
  const prefs = useNoticePreferences();
  const setPrefs = useSetNoticePreferences();

  return (
    <Card
      title={
        <Space>
          消息通知
          <Badge count={unread} overflowCount={999} data-testid="inbox-unread" />
        </Space>
      }
      extra={
        <Button
          disabled={!unread}
          loading={markAll.isPending}
          onClick={() => markAll.mutate(undefined, { onSuccess: (r) => message.success(`已将 ${r.updated} 条消息标为已读`) })}
        >
          全部标为已读
        </Button>
      }
      data-testid="inbox-page"
    >
      <Segmented
        style={{ marginBottom: 12 }}
        value={unreadOnly ? 'unread' : 'all'}
        onChange={(v) => t.setFilter('unread', v === 'unread' ? 'true' : undefined)}
        options={[
          { value: 'all', label: '全部' },
          { value: 'unread', label: `未读（${unread}）` },
        ]}
      />
      <Space style={{ marginBottom: 12, marginLeft: 16 }}>
        <Typography.Text type="secondary">督办通知：</Typography.Text>
        <Segmented
          value={prefs.data?.escalations ?? 'inbox'}
          disabled={!prefs.data || setPrefs.isPending}
          onChange={(v) =>
            setPrefs.mutate(v as 'inbox' | 'sms', {
              onSuccess: (r) => message.success(r.escalations === 'sms' ? '督办通知将同时发送短信' : '督办通知仅在站内提醒'),
            })
          }
          options={[
            { value: 'inbox', label: '站内' },
            { value: 'sms', label: '站内+短信' },
          ]}
        />
      </Space>
      <ErrorAlert error={notices.error ?? markRead.error ?? markAll.error ?? setPrefs.error} />
      <Table<Notice>
        rowKey="id"
        size="middle"
        loading={notices.isFetching}
        dataSource={notices.data?.items}
        pagination={{ ...t.pagination, total: notices.data?.total ?? 0 }}
        onChange={t.onTableChange}
        scroll={{ x: 560 }}
        expandable={{
          expandedRowRender: (n) => <Typography.Paragraph style={{ whiteSpace: 'pre-line', margin: 0 }}>{n.body}</Typography.Paragraph>,
          rowExpandable: (n) => !!n.body,
        }}
        locale={{
          emptyText: unreadOnly ? (
            <EmptyHint text="没有未读消息" next="切换到「全部」查看已读的消息" />
          ) : (
            <EmptyHint text="还没有消息" next="任务下达、逾期、审批和名单变化时，系统会把通知发到这里" />
          ),
        }}
        columns={[
          {
            title: '主题',
            dataIndex: 'subject',
            render: (s: string, n) => (
              <Space>
                {!n.readAt && <Badge status="processing" aria-label="未读" />}
                <Typography.Text strong={!n.readAt}>{s}</Typography.Text>
              </Space>
            ),
          },
          { title: '条目', dataIndex: 'itemCount', width: 80, responsive: ['md'], render: (c: number) => `${c} 项` },
          { title: '时间', dataIndex: 'updatedAt', width: 170, render: (v: string) => formatDateTime(v) },
          {
            title: '操作',
            key: 'read',
            width: 110,
            render: (_, n) =>
              n.readAt ? (
                <Typography.Text type="secondary">已读</Typography.Text>
              ) : (
                <Button size="small" loading={markRead.isPending && markRead.variables === n.id} onClick={() => markRead.mutate(n.id)}>
                  标为已读
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}
