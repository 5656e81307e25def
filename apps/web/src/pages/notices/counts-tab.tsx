import { InputNumber, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { useTableScroll } from '../../components/phone';
import { useReminderCounts, type CountPage } from './plans-hooks';

type Row = CountPage['items'][number];
const PAGE_SIZE = 50;

/** 提醒次数: per person of the campaign, how many reminders reached them this year (everyone, or those below N). */
export function CountsTab({ campaignId }: { campaignId: number | undefined }) {
  const [page, setPage] = useState(1);
  const [all, setAll] = useState(false);
  const [below, setBelow] = useState(3);
  const counts = useReminderCounts(campaignId === undefined ? undefined : { campaignId, page, pageSize: PAGE_SIZE, below, ...(all ? { all: true } : {}) });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Radio.Group
          optionType="button"
          value={all ? 'all' : 'below'}
          onChange={(e) => {
            setAll(e.target.value === 'all');
            setPage(1);
          }}
          options={[
            { value: 'below', label: '未达次数的人员' },
            { value: 'all', label: '全部人员' },
          ]}
        />
        {!all && (
          <Space>
            <span>本年少于</span>
            <InputNumber min={1} max={100} precision={0} value={below} onChange={(v) => v && setBelow(v)} />
            <span>次</span>
          </Space>
        )}
        {counts.data && (
          <Typography.Text type="secondary">
            {counts.data.year} 年，共 {counts.data.total} 人
          </Typography.Text>
        )}
      </Space>
      <ErrorAlert error={counts.error} />
      <Table<Row>
        rowKey="personId"
        size="middle"
        scroll={useTableScroll(560)}
        loading={counts.isFetching}
        dataSource={counts.data?.items}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: counts.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '手机号', dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
          {
            title: '本年提醒次数',
            dataIndex: 'remindersThisYear',
            render: (v: number) => <Tag color={v >= 3 ? 'green' : v > 0 ? 'orange' : 'red'}>{v} 次</Tag>,
          },
        ]}
      />
    </>
  );
}
