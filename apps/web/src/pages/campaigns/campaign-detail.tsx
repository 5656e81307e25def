import { App, Button, Card, Descriptions, Form, InputNumber, Modal, Popconfirm, Result, Space, Spin, Steps, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { CampaignView } from './campaign-types';
import { useUnit } from '../../auth/auth-hooks';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { businessToday, formatDate, formatDateTime, formatPercent } from '../../lib/format';
import { useCampaign, useCampaignMove, useTopTaskSplits } from './campaigns-hooks';
import { formatTarget, INDICATOR_KINDS, INSURANCE_TYPES, memberPostLabel, UNIT_LABELS } from './campaign-model';
import { CAMPAIGN_STATUS } from './campaign-status';
import { CampaignSettingsTab } from './campaign-settings-tab';
import { DutiesTable } from '../duties/duties-table';

const SPLIT_STATUS: Record<string, { label: string; color: string }> = {
  draft: { label: '分解草稿', color: 'default' },
  submitted: { label: '待审批', color: 'processing' },
  rejected: { label: '已退回', color: 'error' },
  approved: { label: '已批准', color: 'success' },
};

/** /campaigns/:id: overview (period, phases, milestones, indicators and the city's split), members, member departments' deliveries, settings, and the status actions. */
export function CampaignDetail() {
  const id = Number(useParams().id);
  const campaign = useCampaign(id);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'overview';
  const c = campaign.data;
  const unit = useUnit(c?.orgUnitId).data;

  if (!Number.isInteger(id) || id <= 0) return <Result status="404" title="任务不存在" extra={<Link to="/campaigns">返回任务列表</Link>} />;
  if (campaign.isLoading) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!c)
    return (
      <Card>
        <ErrorAlert error={campaign.error} />
        <Link to="/campaigns">返回任务列表</Link>
      </Card>
    );
  return (
    <Card
      title={
        <Space wrap>
          <span data-testid="campaign-title">{c.name}</span>
          <Tag color={CAMPAIGN_STATUS[c.status]?.color}>{CAMPAIGN_STATUS[c.status]?.label ?? c.status}</Tag>
        </Space>
      }
      extra={<Link to="/campaigns">返回列表</Link>}
      styles={{ title: { whiteSpace: 'normal', padding: '8px 0' } }}
    >
      {(c.can.run || c.can.editDraft) && <StatusActions campaign={c} />}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'overview' ? {} : { tab: k }, { replace: true })}
        items={[
          {
            key: 'overview',
            label: '概览',
            children: <Overview campaign={c} unitName={unit?.name ?? ''} maySplit={c.can.split} />,
          },
          { key: 'members', label: `成员（${c.members.length}）`, children: <Members campaign={c} /> },
          {
            key: 'duties',
            label: '成员单位报送',
            children: (
              <DutiesTable
                campaignId={c.id}
                deliver={c.can.run}
                manage={c.can.run && c.status !== 'closed'}
                empty={{ text: '本任务还没有登记成员单位报送职责', next: '登记后，这里列出各成员单位须报送的数据、截止日期、报送情况和逾期' }}
              />
            ),
          },
          { key: 'settings', label: '设置', children: <CampaignSettingsTab campaign={c} editable={c.can.settings && c.status !== 'closed'} /> },
        ]}
      />
    </Card>
  );
}

/** Activate a draft (asking for the targets not set at creation) or close an active campaign; edit the draft. Each as `can` allows. */
function StatusActions({ campaign: c }: { campaign: CampaignView }) {
  const moves = useCampaignMove(c.id);
  const { message } = App.useApp();
  const [asking, setAsking] = useState(false);
  const [form] = Form.useForm<Record<string, number | null>>();
  const missing = c.indicators.filter((i) => i.topTarget === null);
  const error = moves.activate.error ?? moves.close.error;

  const activate = (targets: { indicatorId: number; target: number }[]) =>
    moves.activate.mutate(targets, {
      onSuccess: () => {
        setAsking(false);
        message.success('任务已启动：本级目标已下达，开始按截止日期提醒');
      },
    });

  return (
    <div style={{ marginBottom: 12 }}>
      <ErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Space wrap>
        {c.status === 'draft' && (
          <>
            {!c.can.run ? null : missing.length ? (
              <Button type="primary" onClick={() => setAsking(true)} disabled={!c.indicators.length}>
                启动任务
              </Button>
            ) : (
              <Popconfirm title="启动后指标和目标将下达，开始截止提醒。确定启动？" okText="启动" cancelText="取消" onConfirm={() => activate([])}>
                <Button type="primary" loading={moves.activate.isPending} disabled={!c.indicators.length}>
                  启动任务
                </Button>
              </Popconfirm>
            )}
            {c.can.editDraft && (
              <Link to={`/campaigns/${c.id}/edit`}>
                <Button>修改草稿</Button>
              </Link>
            )}
            {c.can.run && !c.indicators.length && <Typography.Text type="secondary">还没有指标，不能启动</Typography.Text>}
          </>
        )}
        {c.status === 'active' && c.can.run && (
          <Popconfirm
            title="结束后不再提醒和判定逾期。确定结束任务？"
            okText="结束"
            cancelText="取消"
            onConfirm={() => moves.close.mutate(undefined, { onSuccess: () => message.success('任务已结束') })}
          >
            <Button danger loading={moves.close.isPending}>
              结束任务
            </Button>
          </Popconfirm>
        )}
      </Space>
      <Modal
        title="填写本级目标后启动"
        open={asking}
        okText="启动"
        cancelText="取消"
        confirmLoading={moves.activate.isPending}
        onCancel={() => setAsking(false)}
        onOk={async () => {
          const v = await form.validateFields();
          activate(missing.map((i) => ({ indicatorId: i.id, target: v[String(i.id)]! })));
        }}
      >
        <Typography.Paragraph type="secondary">以下指标创建时未填目标，启动前须填写。</Typography.Paragraph>
        <Form form={form} layout="vertical">
          {missing.map((i) => (
            <Form.Item key={i.id} name={String(i.id)} label={`${i.code} ${i.name}`} rules={[{ required: true, message: '请填写目标' }]}>
              <InputNumber
                style={{ width: '100%' }}
                min={i.kind === 'ratio' ? 0.01 : 0}
                max={i.kind === 'ratio' ? 100 : undefined}
                precision={i.kind === 'count' ? 0 : 2}
                addonAfter={UNIT_LABELS[i.unit]}
              />
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </div>
  );
}

/** `maySplit`: the caller splits the campaign's top tasks (the office); others see the split status only. */
function Overview({ campaign: c, unitName, maySplit }: { campaign: CampaignView; unitName: string; maySplit: boolean }) {
  const splits = useTopTaskSplits(c.topTasks.map((t) => t.id));
  const splitOf = (taskId: number) => {
    const i = c.topTasks.findIndex((t) => t.id === taskId);
    return splits[i]?.data;
  };
  const today = businessToday();
  const rows = c.indicators.map((ind) => ({ ...ind, task: c.topTasks.find((t) => t.indicatorId === ind.id) }));
  return (
    <>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="任务期">
          {formatDate(c.startsOn)} 至 {formatDate(c.endsOn)}
        </Descriptions.Item>
        <Descriptions.Item label="牵头单位">{unitName}</Descriptions.Item>
        <Descriptions.Item label="办公室">{c.officeName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="创建时间">{formatDateTime(c.createdAt)}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>阶段</Typography.Title>
      {c.phases.length ? (
        <Steps
          size="small"
          direction="vertical"
          style={{ marginBottom: 16 }}
          items={c.phases.map((p) => ({
            title: p.name,
            description: `${formatDate(p.startsOn)} 至 ${formatDate(p.endsOn)}`,
            status: p.endsOn < today ? 'finish' : p.startsOn <= today ? 'process' : 'wait',
          }))}
        />
      ) : (
        <Typography.Paragraph type="secondary">未设阶段</Typography.Paragraph>
      )}
      <Typography.Title level={5}>时间节点（序时进度）</Typography.Title>
      {c.milestones.length ? (
        <Space wrap style={{ marginBottom: 16 }}>
          {c.milestones.map((m) => (
            <Tag key={m.id} color="blue">
              {formatDate(m.dueOn)} 累计 {formatPercent(m.percent)}
            </Tag>
          ))}
        </Space>
      ) : (
        <Typography.Paragraph type="secondary">未设时间节点</Typography.Paragraph>
      )}
      <Typography.Title level={5}>指标与本级目标</Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={rows}
        locale={{ emptyText: <EmptyHint text="还没有指标" next="指标在新建任务时设定；启动前至少需要一个指标" /> }}
        columns={[
          { title: '代码', dataIndex: 'code' },
          { title: '指标', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind', render: (k: keyof typeof INDICATOR_KINDS) => INDICATOR_KINDS[k]?.label ?? k },
          { title: '险种', dataIndex: 'insuranceType', render: (t: keyof typeof INSURANCE_TYPES) => INSURANCE_TYPES[t] ?? t },
          { title: '本级目标', key: 'target', render: (_, r) => formatTarget(r.kind, r.task?.target ?? r.topTarget) },
          {
            title: '本级分解',
            key: 'split',
            render: (_, r) => {
              if (!r.task) return <Typography.Text type="secondary">启动后分解</Typography.Text>;
              const s = splitOf(r.task.id);
              if (!s) return '…';
              const open = s.pendingAllocation;
              const approved = s.allocation;
              if (!open && !approved) return <Tag>未分解</Tag>;
              return (
                <Space size={4} wrap>
                  {approved && <Tag color={SPLIT_STATUS.approved.color}>第 {approved.version} 版已批准</Tag>}
                  {open && <Tag color={SPLIT_STATUS[open.status]?.color}>{`第 ${open.version} 版${SPLIT_STATUS[open.status]?.label ?? open.status}`}</Tag>}
                </Space>
              );
            },
          },
          ...(maySplit
            ? [
                {
                  title: '操作',
                  key: 'action',
                  render: (_: unknown, r: (typeof rows)[number]) => (r.task ? <Link to={`/tasks/${r.task.id}/split`}>分解任务</Link> : null),
                },
              ]
            : []),
        ]}
      />
    </>
  );
}

/** The leadership group and office of a campaign, heads first (also the contacts member departments see on their home page). */
export function Members({ campaign: c }: { campaign: CampaignView }) {
  const order = ['leadership:head', 'leadership:deputy', 'leadership:member', 'office:director', 'office:member'];
  const rows = [...c.members].sort((a, b) => order.indexOf(`${a.body}:${a.role}`) - order.indexOf(`${b.body}:${b.role}`));
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      locale={{ emptyText: <EmptyHint text="还没有领导小组和办公室成员" next="成员在新建任务时设定" /> }}
      columns={[
        { title: '机构', dataIndex: 'body', render: (b: string) => (b === 'office' ? '办公室' : '领导小组') },
        { title: '职务', key: 'post', render: (_, m) => memberPostLabel(m.body, m.role) },
        { title: '姓名', dataIndex: 'displayName' },
        { title: '用户名', dataIndex: 'username', responsive: ['sm'] },
        { title: '单位职务', dataIndex: 'title', render: (t: string | null) => t ?? '—' },
      ]}
    />
  );
}
