import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Progress, Radio, Space, Table, Tag, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useState } from 'react';
import { downloadFile } from '../../api/download-file';
import { useCampaignChoice } from '../../components/campaign-picker';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldErrors } from '../../components/form-errors';
import { formatCount, formatDateTime } from '../../lib/format';
import { STATUS_LABELS } from '../registry-imports/import-progress';
import { DATA_KIND_LABELS, DEPARTMENT_COLUMNS, matchSummary, ROSTER_COLUMNS } from './match-labels';
import {
  running,
  useMatchUpload,
  useMatchUploads,
  useRetryMatch,
  useUploadMatch,
  type MatchDataKind,
  type MatchRoute,
  type MatchUpload,
} from './match-uploads-hooks';

interface Values {
  dataKind: MatchDataKind;
  file: UploadFile[];
}

const PAGE_SIZE = 10;

/**
 * Upload a list for a campaign, follow its run, and page the uploads with their results and errors.csv: a
 * department's 数据上报 card (its own uploads only) or the office's 参保库 (the insured roster).
 */
export function MatchUploadPanel({ route, title, testId }: { route: MatchRoute; title: string; testId: string }) {
  const roster = route === 'roster-imports';
  const [chosen, setChosen] = useState<string>();
  const choice = useCampaignChoice(chosen, setChosen);
  const [form] = Form.useForm<Values>();
  const upload = useUploadMatch(route);
  const retry = useRetryMatch(route);
  const [current, setCurrent] = useState<string>();
  const job = useMatchUpload(route, current);
  const [page, setPage] = useState(1);
  const list = useMatchUploads(route, { campaignId: choice.campaignId, page, pageSize: PAGE_SIZE });
  const [banner, setBanner] = useState<unknown>(null);
  const { message } = App.useApp();
  const dataKind = (Form.useWatch('dataKind', form) ?? 'person') as MatchDataKind;
  const kinds: MatchDataKind[] = roster ? ['person', 'employer'] : ['person', 'employer', 'death'];
  const columns = roster ? ROSTER_COLUMNS[dataKind as 'person' | 'employer'] : DEPARTMENT_COLUMNS[dataKind];
  const label = roster ? '参保库导入' : '部门数据上报';
  const errorsCsv = (j: MatchUpload) =>
    downloadFile(`/api/${route}/${j.id}/errors.csv`, {}, `${label}${j.id}有误行.csv`).then(() => setBanner(null), setBanner);

  return (
    <Card title={title} extra={choice.none ? null : choice.picker} data-testid={testId}>
      <ErrorAlert error={banner ?? retry.error ?? choice.error ?? list.error ?? job.error} />
      {choice.none ? (
        <EmptyHint text="还没有可上报的扩面任务" next="办公室发布扩面任务后，可在这里上传名单" />
      ) : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={{ dataKind: 'person', file: [] }}
            onFinish={(v) => {
              setBanner(null);
              const file = v.file[0]?.originFileObj;
              if (!file || !choice.campaignId) return;
              upload.mutate(
                { campaignId: choice.campaignId, dataKind: v.dataKind, file },
                {
                  onSuccess: (j) => {
                    message.success(`已上传 ${j.fileName}，正在排队处理`);
                    form.setFieldValue('file', []);
                    setCurrent(j.id);
                  },
                  onError: (e) => {
                    const { error, unplaced } = showFieldErrors(form, e);
                    setBanner(unplaced ? error : null);
                  },
                },
              );
            }}
          >
            <Form.Item name="dataKind" label="数据类型">
              {/* wraps on a phone instead of running past its edge */}
              <Radio.Group
                optionType="button"
                style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
                options={kinds.map((k) => ({ value: k, label: DATA_KIND_LABELS[k] }))}
              />
            </Form.Item>
            <Form.Item
              name="file"
              valuePropName="fileList"
              getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
              rules={[{ validator: (_, v: UploadFile[]) => (v?.length ? Promise.resolve() : Promise.reject(new Error('请选择 .csv 或 .xlsx 文件'))) }]}
            >
              <Upload accept=".csv,.xlsx" beforeUpload={() => false} maxCount={1}>
                <Button icon={<UploadOutlined />}>选择文件</Button>
              </Upload>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={upload.isPending} disabled={!choice.campaignId} data-testid={`${testId}-submit`}>
              上传
            </Button>
          </Form>
          <Typography.Text type="secondary">
            列：{columns}（* 为必填；XLSX 或 CSV，UTF-8 或 GBK 均可）。
            {roster
              ? '重新导入会更新已有记录；名册中出现在参保库里的对象核销为已参保，并计入所在单位进度一次。'
              : dataKind === 'death'
                ? '名单中人员的待走访名册条目核销为已死亡。'
                : '已在参保库中的计为已参保；未参保的新增或更新到所属村（社区）的名册，并记下本部门为来源。'}
          </Typography.Text>
          {job.data && (
            <div data-testid={`${testId}-progress`}>
              <Typography.Text strong>{job.data.fileName}</Typography.Text>
              <Progress
                percent={running(job.data.status) ? (job.data.status === 'queued' ? 0 : 50) : 100}
                status={job.data.status === 'failed' ? 'exception' : running(job.data.status) ? 'active' : 'success'}
              />
              <Typography.Paragraph data-testid={`${testId}-summary`}>{matchSummary(job.data)}</Typography.Paragraph>
            </div>
          )}
          <Table<MatchUpload>
            size="small"
            rowKey="id"
            scroll={{ x: 'max-content' }}
            loading={list.isFetching}
            dataSource={list.data?.items}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
            locale={{
              emptyText: (
                <EmptyHint
                  text={roster ? '本任务还没有导入参保库' : '本部门还没有在本任务中上报数据'}
                  next={roster ? '从社保系统导出参保人员或参保单位后在上方导入' : '选择数据类型并上传名单后，这里列出每次上报的比对结果'}
                />
              ),
            }}
            columns={[
              { title: '文件', dataIndex: 'fileName' },
              { title: '类型', dataIndex: 'dataKind', render: (k: MatchDataKind | null) => (k ? DATA_KIND_LABELS[k] : '') },
              {
                title: '状态',
                dataIndex: 'status',
                render: (s: MatchUpload['status']) => <Tag color={STATUS_LABELS[s].color}>{STATUS_LABELS[s].label}</Tag>,
              },
              { title: '读取', dataIndex: 'rowsRead', render: (n: number) => formatCount(n, '行') },
              ...(roster
                ? [
                    { title: '新增', dataIndex: 'inserted', render: (n: number) => formatCount(n, '条') },
                    { title: '更新', dataIndex: 'updated', render: (n: number) => formatCount(n, '条') },
                    { title: '核销已参保', dataIndex: 'entriesClosed', render: (n: number) => formatCount(n, '条') },
                  ]
                : [
                    { title: '已参保', dataIndex: 'rowsInsured', render: (n: number) => formatCount(n, '条') },
                    { title: '新增名册', dataIndex: 'inserted', render: (n: number) => formatCount(n, '条') },
                    { title: '更新名册', dataIndex: 'updated', render: (n: number) => formatCount(n, '条') },
                    { title: '核销死亡', dataIndex: 'entriesClosed', render: (n: number) => formatCount(n, '人') },
                  ]),
              { title: '有误', dataIndex: 'rowsBad', render: (n: number) => formatCount(n, '行') },
              { title: '上传时间', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
              {
                title: '',
                key: 'actions',
                render: (_: unknown, j: MatchUpload) => (
                  <Space>
                    <Button size="small" type="link" onClick={() => setCurrent(j.id)}>
                      查看
                    </Button>
                    {j.status === 'failed' && (
                      <Button size="small" type="link" loading={retry.isPending} onClick={() => retry.mutate(j.id, { onSuccess: () => setCurrent(j.id) })}>
                        重试
                      </Button>
                    )}
                    {j.rowsBad > 0 && (
                      <Button size="small" type="link" icon={<DownloadOutlined />} onClick={() => void errorsCsv(j)}>
                        有误行 errors.csv
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
