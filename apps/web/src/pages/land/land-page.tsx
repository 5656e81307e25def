import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Input, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { downloadFile } from '../../api/download-file';
import { toApiError } from '../../api/errors';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { useTableScroll } from '../../components/phone';
import { useOpenParam } from '../../components/use-open-param';
import { useTableParams } from '../../components/use-table-params';
import { formatDate, formatPercent, formatYuan } from '../../lib/format';
import { LandIndicatorsCard } from './land-indicators-card';
import { LandProjectDrawer } from './land-project-drawer';
import { LandProjectForm } from './land-project-form';
import { useLandProjects, type LandListQuery, type LandProject } from './land-hooks';

const SORTS = ['name', 'year', 'agreementOn', 'fundDue', 'fundArrived'] as const satisfies readonly NonNullable<LandListQuery['sort']>[];

/** 已核实 / 逾期未核实 / 核实中 against the project's verification deadline (agreement date + the days allowed, seed 004). */
export function VerificationTag({ p }: { p: LandProject }) {
  if (p.verified) return <Tag color="success">已核实</Tag>;
  if (p.verificationOverdue) return <Tag color="error">逾期</Tag>;
  return <Tag color="processing">核实中</Tag>;
}

/** Fund arrived / due in percent (two decimals), blank with nothing due. */
export function arrivalPct(p: { fundDue: string; fundArrived: string }): string {
  const due = Number(p.fundDue);
  return due > 0 ? formatPercent((Number(p.fundArrived) * 100) / due) : '—';
}

/**
 * /land 被征地农民: the land projects in my scope (paged, searched by name, sorted on the server) with each one's
 * verification deadline and 逾期, the funds due and arrived; seed 004's three figures above; a project opens in a
 * drawer (?project=) with its farmers, their verification, the fund split and the per-person XLSX.
 */
export function LandPage() {
  const t = useTableParams(['q'] as const, { pageSize: 20 }, SORTS);
  const { page, pageSize, sort, order } = t.query;
  const list = useLandProjects({ page, pageSize, ...(sort ? { sort, order } : {}), ...(t.filters.q ? { q: t.filters.q } : {}) });
  const [open, setOpen] = useOpenParam('project');
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const exportXlsx = () => {
    setBusy(true);
    downloadFile('/api/land-projects/xlsx', { q: t.filters.q, sort, order: sort ? order : undefined }, '征地项目.xlsx')
      .then(
        ({ name }) => void message.success(`已导出 ${name}`),
        (e: unknown) => void message.error(toApiError(e).message),
      )
      .finally(() => setBusy(false));
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <LandIndicatorsCard />
      <Card
        title="征地项目"
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} loading={busy} onClick={exportXlsx}>
              导出XLSX
            </Button>
            <Button type="primary" onClick={() => setCreating(true)}>
              新建征地项目
            </Button>
          </Space>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder="项目名称"
            defaultValue={t.filters.q}
            style={{ width: 240 }}
            onSearch={(v) => t.setFilter('q', v.trim() || undefined)}
          />
        </Space>
        <ErrorAlert error={list.error} />
        <Table<LandProject>
          rowKey="id"
          size="middle"
          scroll={useTableScroll('max-content')}
          loading={list.isFetching}
          dataSource={list.data?.items}
          pagination={{ ...t.pagination, total: list.data?.total ?? 0 }}
          onChange={t.onTableChange}
          locale={{
            emptyText: t.filters.q ? (
              <EmptyHint text="没有名称含该文字的项目" next="换一个名称搜索，或清除搜索" />
            ) : (
              <EmptyHint text="还没有征地项目" next="新建征地项目，录入被征地农民名单后逐人核实" />
            ),
          }}
          columns={[
            { title: '项目名称', dataIndex: 'name', ...t.sortable('name'), render: (v: string, p) => <a onClick={() => setOpen(p.id)}>{v}</a> },
            { title: '实施单位', dataIndex: 'unitName' },
            { title: '年度', dataIndex: 'year', ...t.sortable('year') },
            { title: '协议签订日期', dataIndex: 'agreementOn', ...t.sortable('agreementOn'), render: (v: string) => formatDate(v) },
            { title: '核实人数', key: 'farmers', render: (_, p) => `${p.farmersVerified} / ${p.farmersListed}` },
            { title: '核实完成时限', dataIndex: 'verificationDueOn', render: (v: string) => formatDate(v) },
            { title: '核实情况', key: 'state', render: (_, p) => <VerificationTag p={p} /> },
            { title: '应到位资金', dataIndex: 'fundDue', ...t.sortable('fundDue'), render: (v: string) => formatYuan(v) },
            { title: '已到位资金', dataIndex: 'fundArrived', ...t.sortable('fundArrived'), render: (v: string) => formatYuan(v) },
            { title: '到位率', key: 'rate', render: (_, p) => arrivalPct(p) },
          ]}
        />
      </Card>
      {creating && <LandProjectForm onClose={() => setCreating(false)} onCreated={(p) => setOpen(p.id)} />}
      <LandProjectDrawer id={open} onClose={() => setOpen(undefined)} />
    </Space>
  );
}
