import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Form, Progress, Radio, Row, Segmented, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldErrors } from '../../components/form-errors';
import { useTableParams } from '../../components/use-table-params';
import { downloadFile } from '../../api/download-file';
import { formatCount, formatDateTime } from '../../lib/format';
import { useCampaigns } from '../campaigns/campaigns-hooks';
import { importProgress, KIND_LABELS, STATUS_LABELS, type ImportStatus } from './import-progress';
import {
  useImport,
  useImportErrors,
  useImports,
  useRetryImport,
  useUploadImport,
  type ImportError,
  type ImportListQuery,
  type RegistryImport,
} from './imports-hooks';
import { useRegistryLabels } from '../registry/registry-hooks';
import { columnLabel } from './registry-columns';

type ImportSort = NonNullable<ImportListQuery['sort']>;
const IMPORT_SORTS = ['createdAt', 'fileName', 'status', 'rowsRead', 'rowsBad', 'finishedAt'] as const satisfies readonly ImportSort[];
import { SECONDARY, useTableScroll } from '../../components/phone';

/** Registry imports: upload a file, watch the job load it, read and download its bad rows; the imports before. */
export function ImportsPage() {
  const [params, setParams] = useSearchParams();
  const selected = params.get('import') ?? undefined;
  const show = (id: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.set('import', id);
        return next;
      },
      { replace: true },
    );
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: selected ? 2 : 1 }} xl={{ span: 10, order: 1 }}>
          <UploadCard onUploaded={show} />
        </Col>
        <Col xs={{ span: 24, order: selected ? 1 : 2 }} xl={{ span: 14, order: 2 }}>
          {selected ? (
            <ImportCard key={selected} id={selected} />
          ) : (
            <Card title="导入进度">
              <EmptyHint text="尚未选择导入" next="上传名册文件后，这里显示处理进度和有误的行；也可在下方导入记录中点击一条查看" />
            </Card>
          )}
        </Col>
      </Row>
      <HistoryCard selected={selected} onSelect={show} />
    </Space>
  );
}

interface UploadValues {
  campaignId: number;
  kind: 'person' | 'employer';
  file: UploadFile[];
}

function UploadCard({ onUploaded }: { onUploaded: (id: string) => void }) {
  const [form] = Form.useForm<UploadValues>();
  const campaigns = useCampaigns({ status: 'active', pageSize: 100 });
  const upload = useUploadImport();
  const [banner, setBanner] = useState<unknown>(null);
  const { message } = App.useApp();
  const kind = (Form.useWatch('kind', form) ?? 'person') as 'person' | 'employer';
  const columns = useRegistryLabels().columns?.[kind] ?? [];
  const [templateError, setTemplateError] = useState<unknown>(null);

  return (
    <Card title="导入名册">
      <ErrorAlert error={banner ?? templateError ?? campaigns.error} />
      <Form<UploadValues>
        form={form}
        layout="vertical"
        initialValues={{ kind: 'person', file: [] }}
        onFinish={(v) => {
          setBanner(null);
          const file = v.file[0]?.originFileObj;
          if (!file) return;
          upload.mutate(
            { campaignId: v.campaignId, kind: v.kind, file },
            {
              onSuccess: (job) => {
                message.success(`已上传 ${job.fileName}，正在排队处理`);
                form.setFieldValue('file', []);
                onUploaded(job.id);
              },
              onError: (e) => {
                const { error, unplaced } = showFieldErrors(form, e);
                setBanner(unplaced ? error : null);
              },
            },
          );
        }}
      >
        <Form.Item name="campaignId" label="扩面活动" rules={[{ required: true, message: '请选择名册所属的活动' }]}>
          <Select
            placeholder="选择进行中的活动"
            loading={campaigns.isLoading}
            options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
            notFoundContent={<EmptyHint text="没有进行中的活动" next="活动启动后才能导入名册" />}
          />
        </Form.Item>
        <Form.Item name="kind" label="名册类型">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'person', label: '人员名册' },
              { value: 'employer', label: '单位名册' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="file"
          label="名册文件"
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
          rules={[{ validator: (_, v: UploadFile[]) => (v?.length ? Promise.resolve() : Promise.reject(new Error('请选择 .csv 或 .xlsx 文件'))) }]}
          extra="XLSX 或 CSV（UTF-8 或 Excel 默认的 GBK 均可）；表头用模板的中文列名或常用写法（如 身份证号、手机号）；有误的行不导入，其余照常导入"
        >
          <Upload accept=".csv,.xlsx" beforeUpload={() => false} maxCount={1}>
            <Button icon={<UploadOutlined />}>选择文件</Button>
          </Upload>
        </Form.Item>
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={upload.isPending}>
            上传并导入
          </Button>
          <Button
            icon={<DownloadOutlined />}
            data-testid="import-template"
            onClick={() =>
              downloadFile('/api/registry-imports/template.xlsx', { kind }, `${KIND_LABELS[kind]}导入模板.xlsx`).then(
                () => setTemplateError(null),
                setTemplateError,
              )
            }
          >
            下载{KIND_LABELS[kind]}模板（含填写说明）
          </Button>
        </Space>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        列：
        {columns.map((c, i) => (
          <span key={c.key}>
            {i > 0 && '、'}
            {c.zh}
            {c.required && <Typography.Text type="danger">*</Typography.Text>}
          </span>
        ))}
        （* 为必填）
      </Typography.Paragraph>
    </Card>
  );
}

function ImportCard({ id }: { id: string }) {
  const job = useImport(id);
  const retry = useRetryImport();
  const reference = useRegistryLabels();
  const [page, setPage] = useState({ current: 1, pageSize: 10 });
  const ended = job.data?.status === 'done' || job.data?.status === 'failed';
  const errors = useImportErrors(id, page.current, page.pageSize, ended && (job.data?.rowsBad ?? 0) > 0);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  if (job.error) return <ErrorAlert error={job.error} />;
  const j = job.data;
  const p = j ? importProgress(j) : null;

  return (
    <Card title={j ? `导入进度：${j.fileName}` : '导入进度'} loading={!j} data-testid="import-progress">
      {j && p && (
        <>
          <Progress percent={p.percent} status={p.status} data-testid="import-progress-bar" />
          <Typography.Paragraph data-testid="import-progress-text" style={{ marginTop: 8 }}>
            {p.text}
          </Typography.Paragraph>
          {j.status === 'failed' && (
            <>
              <ErrorAlert error={retry.error} />
              <Button onClick={() => retry.mutate(j.id)} loading={retry.isPending} style={{ marginBottom: 16 }}>
                重试
              </Button>
            </>
          )}
          <Descriptions size="small" bordered column={{ xs: 1, sm: 2, xxl: 3 }}>
            <Descriptions.Item label="类型">{KIND_LABELS[j.kind]}</Descriptions.Item>
            <Descriptions.Item label="状态">
              <Tag color={STATUS_LABELS[j.status].color}>{STATUS_LABELS[j.status].label}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label="读取">{formatCount(j.rowsRead, '行')}</Descriptions.Item>
            <Descriptions.Item label="合格">{formatCount(j.rowsGood, '行')}</Descriptions.Item>
            <Descriptions.Item label="有误">{formatCount(j.rowsBad, '行')}</Descriptions.Item>
            <Descriptions.Item label="新增 / 更新">
              {formatCount(j.inserted, '条')} / {formatCount(j.updated, '条')}
            </Descriptions.Item>
            <Descriptions.Item label="上传时间">{formatDateTime(j.createdAt)}</Descriptions.Item>
            <Descriptions.Item label="完成时间">{formatDateTime(j.finishedAt)}</Descriptions.Item>
          </Descriptions>
          {ended && j.rowsBad > 0 && (
            <div style={{ marginTop: 16 }}>
              <Space style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }} wrap>
                <Typography.Text strong>有误的行（未导入）</Typography.Text>
                <Button
                  icon={<DownloadOutlined />}
                  onClick={() =>
                    downloadFile(`/api/registry-imports/${j.id}/errors.csv`, {}, `名册导入${j.id}有误行.csv`).then(
                      () => setDownloadError(null),
                      setDownloadError,
                    )
                  }
                >
                  下载有误的行
                </Button>
              </Space>
              <ErrorAlert error={downloadError ?? errors.error} />
              <Table<ImportError>
                size="small"
                rowKey={(r) => `${r.rowNumber}-${r.column}`}
                loading={errors.isFetching}
                dataSource={errors.data?.items}
                scroll={{ x: 420 }}
                pagination={{ ...page, total: errors.data?.total ?? 0, showSizeChanger: true, showTotal: (t) => `共 ${t} 条` }}
                onChange={(pg) => setPage({ current: pg.current ?? 1, pageSize: pg.pageSize ?? 10 })}
                columns={[
                  { title: '行号', dataIndex: 'rowNumber', width: 64 },
                  { title: '列', dataIndex: 'column', width: 130, render: (c: string) => columnLabel(reference.columns?.[j.kind], c) },
                  { title: '原因', dataIndex: 'reason' },
                ]}
                data-testid="import-errors"
              />
            </div>
          )}
        </>
      )}
    </Card>
  );
}

function HistoryCard({ selected, onSelect }: { selected?: string; onSelect: (id: string) => void }) {
  const t = useTableParams(['status', 'whose', 'kind'] as const, { pageSize: 10 }, IMPORT_SORTS);
  const status = t.filters.status as ImportStatus | undefined;
  const mine = t.filters.whose === 'mine';
  const kind = t.filters.kind === 'person' || t.filters.kind === 'employer' ? t.filters.kind : undefined;
  const sort = 'sort' in t.query && t.query.sort ? { sort: t.query.sort as ImportSort, order: t.query.order } : {};
  const list = useImports({
    page: t.query.page,
    pageSize: t.query.pageSize,
    ...(status ? { status } : {}),
    ...(mine ? { mine: true } : {}),
    ...(kind ? { kind } : {}),
    ...sort,
  });
  const sorter = (key: ImportSort) => ({ key, sorter: true, sortOrder: t.sortOrderOf(key) });
  return (
    <Card title="导入记录">
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={mine ? 'mine' : 'unit'}
          onChange={(v) => t.setFilter('whose', v === 'mine' ? 'mine' : undefined)}
          options={[
            { value: 'unit', label: '本单位及下级' },
            { value: 'mine', label: '我上传的' },
          ]}
          data-testid="imports-whose"
        />
        <Select
          allowClear
          placeholder="全部类型"
          style={{ width: 120 }}
          value={kind}
          onChange={(v) => t.setFilter('kind', v)}
          options={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
        />
        <Select
          allowClear
          placeholder="全部状态"
          style={{ width: 140 }}
          value={status}
          onChange={(v) => t.setFilter('status', v)}
          options={Object.entries(STATUS_LABELS).map(([value, s]) => ({ value, label: s.label }))}
        />
      </Space>
      <ErrorAlert error={list.error} />
      <Table<RegistryImport>
        rowKey="id"
        size="middle"
        loading={list.isFetching && !list.data}
        dataSource={list.data?.items}
        pagination={{ ...t.pagination, total: list.data?.total ?? 0 }}
        onChange={t.onTableChange}
        scroll={useTableScroll(760)}
        rowClassName={(r) => (r.id === selected ? 'ant-table-row-selected' : '')}
        onRow={(r) => ({ onClick: () => onSelect(r.id), style: { cursor: 'pointer' } })}
        locale={{
          emptyText:
            status || kind || mine ? (
              <EmptyHint text="没有符合条件的导入" next="换一个筛选条件，或清除筛选" />
            ) : (
              <EmptyHint text="还没有导入过名册" next="在上方选择活动和文件，上传后会出现在这里" />
            ),
        }}
        columns={[
          { title: '文件', dataIndex: 'fileName', ellipsis: true, ...sorter('fileName') },
          { title: '类型', dataIndex: 'kind', ...SECONDARY, width: 100, render: (k: RegistryImport['kind']) => KIND_LABELS[k] },
          {
            title: '状态',
            dataIndex: 'status',
            width: 100,
            ...sorter('status'),
            render: (s: ImportStatus) => <Tag color={STATUS_LABELS[s].color}>{STATUS_LABELS[s].label}</Tag>,
          },
          { title: '读取', dataIndex: 'rowsRead', ...SECONDARY, width: 100, ...sorter('rowsRead'), render: (n: number) => formatCount(n, '行') },
          { title: '有误', dataIndex: 'rowsBad', width: 90, ...sorter('rowsBad'), render: (n: number) => formatCount(n, '行') },
          { title: '新增/更新', width: 110, render: (_: unknown, r) => `${r.inserted} / ${r.updated}`, responsive: ['md'] },
          { title: '上传人', dataIndex: 'createdByName', width: 100, responsive: ['lg'], render: (v: string | null) => v ?? '—' },
          { title: '上传时间', dataIndex: 'createdAt', ...SECONDARY, width: 160, ...sorter('createdAt'), render: (v: string) => formatDateTime(v) },
        ]}
      />
    </Card>
  );
}
