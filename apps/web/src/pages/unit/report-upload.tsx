import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import { DatePicker } from '../../components/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { toApiError } from '../../api/errors';
import { saveBlob } from '../../api/download-file';
import { businessToday } from '../../lib/format';
import { formatFigure } from './figures';
import { messageOnRow } from './report-rows';
import { useCampaign, useReportUpload, type UploadAnswer, type UploadRow } from './unit-hooks';

// the seed's own table (seed 002 annex 3): 单位, 计划指标, 完成数; a ratio may carry 参保率 alone
const TEMPLATE = '单位,计划指标,完成数,分母,参保率（%）,原因\n';

/**
 * Uploads a progress table (XLSX or CSV, Chinese headers as the seeds print them) for one date: the file is checked
 * first and every row shown beside its problems; the clerk confirms, and all rows are stored or none.
 */
export function ReportUploadCard({ campaignId }: { campaignId: number | undefined }) {
  const { message } = App.useApp();
  const campaign = useCampaign(campaignId).data;
  const upload = useReportUpload();
  const [file, setFile] = useState<File | null>(null);
  const [indicatorId, setIndicatorId] = useState<number>();
  const [asOf, setAsOf] = useState<Dayjs>(dayjs(businessToday()));
  const [preview, setPreview] = useState<UploadAnswer | null>(null);
  const [saved, setSaved] = useState<UploadAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setIndicatorId(undefined);
    setPreview(null);
  }, [campaignId]);

  const send = (dryRun: boolean, f: File | null = file) => {
    if (!f || !campaignId) return;
    setError(null);
    if (dryRun) setSaved(null);
    upload.mutate(
      { file: f, campaignId, asOf: asOf.format('YYYY-MM-DD'), indicatorId, dryRun },
      {
        onSuccess: (a) => {
          if (a.stored) {
            setSaved(a);
            setPreview(null);
            message.success(`已保存 ${a.reports.length} 行（截至 ${a.asOf}）`);
          } else setPreview(a);
        },
        onError: (e) => {
          setPreview(null);
          setError(e);
        },
      },
    );
  };
  const bad = preview?.rows.filter((r) => r.problems.length) ?? [];
  const err = error ? toApiError(error) : null;
  const indicator = campaign?.indicators.find((i) => i.id === indicatorId);

  return (
    <Card title="上传进度表" style={{ marginTop: 16 }} data-testid="report-upload">
      <Typography.Paragraph type="secondary">
        按通报表格式上传 XLSX 或 CSV：一列「单位」（写单位名称，如“和平”或“和平区”，也可用「单位编码」列），一列「完成数」（也可写 实际完成、7月末缴费人数），
        可有「计划指标」「分母」「参保率（%）」「原因」列；比率类指标没有分子分母时可只填参保率。合计行不导入。先检查文件，确认无误后保存：任一行有误则全部不保存。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 260 }}
          aria-label="进度表指标"
          placeholder="指标（或在表中加「指标」列）"
          allowClear
          value={indicatorId}
          onChange={(v) => {
            setIndicatorId(v);
            setPreview(null);
          }}
          options={campaign?.indicators.map((i) => ({ value: i.id, label: i.name }))}
        />
        <DatePicker
          aria-label="进度表日期"
          allowClear={false}
          value={asOf}
          onChange={(d) => {
            setAsOf(d);
            setPreview(null);
          }}
          disabledDate={(d) => d.format('YYYY-MM-DD') > businessToday()}
        />
        <Button icon={<DownloadOutlined />} onClick={() => saveBlob(new Blob(['\uFEFF' + TEMPLATE], { type: 'text/csv;charset=utf-8' }), '进度表模板.csv')}>
          下载模板
        </Button>
      </Space>
      <Upload.Dragger
        accept=".csv,.xlsx"
        multiple={false}
        showUploadList={false}
        disabled={upload.isPending || !campaignId}
        beforeUpload={(f) => {
          setFile(f);
          send(true, f);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{upload.isPending ? '正在读取…' : file ? `已选：${file.name}（点击或拖拽更换）` : '点击或拖拽进度表到此处'}</p>
        <p className="ant-upload-hint">.xlsx 或 .csv，最多 1000 行，最大 5 MB</p>
      </Upload.Dragger>
      {file && !preview && !upload.isPending && (
        <Button style={{ marginTop: 12 }} onClick={() => send(true)}>
          重新检查 {file.name}
        </Button>
      )}

      {err && (
        <Alert
          style={{ marginTop: 16 }}
          type="error"
          showIcon
          role="alert"
          message={err.message}
          description={err.fields.length > 1 ? err.fields.map((f) => <div key={f.field}>{f.message}</div>) : undefined}
        />
      )}
      {saved && (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          showIcon
          role="status"
          data-testid="upload-done"
          message={`已保存 ${saved.reports.length} 行截至 ${saved.asOf} 的完成数`}
          description={file ? `文件：${file.name}` : undefined}
        />
      )}
      {preview && (
        <div style={{ marginTop: 16 }} data-testid="upload-preview">
          <Alert
            type={bad.length ? 'error' : 'info'}
            showIcon
            message={
              bad.length
                ? `共 ${preview.rows.length} 行，其中 ${bad.length} 行有误：整个文件不会保存，请按下表修改后重新上传`
                : `共 ${preview.rows.length} 行，检查无误，确认后保存（截至 ${preview.asOf}）`
            }
            description={preview.skipped.length ? preview.skipped.map((s) => `第 ${s.row} 行「${s.unit}」未导入：${s.reason}`).join('；') : undefined}
            style={{ marginBottom: 12 }}
          />
          <Table<UploadRow>
            rowKey="row"
            size="small"
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            dataSource={preview.rows}
            scroll={{ x: 900 }}
            columns={[
              { title: '行号', dataIndex: 'row', width: 60 },
              {
                title: '单位',
                dataIndex: 'unitName',
                width: 140,
                render: (v: string, r) => (
                  <>
                    {v}
                    {r.unitCode && (
                      <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 4 }}>
                        {r.unitCode}
                      </Typography.Text>
                    )}
                  </>
                ),
              },
              { title: '指标', dataIndex: 'indicatorName', width: 160, render: (v: string | null) => v ?? '—' },
              {
                title: '完成数',
                key: 'actual',
                width: 150,
                align: 'right' as const,
                render: (_: unknown, r) =>
                  r.rate !== null ? (
                    <>
                      {formatFigure('ratio', 'percent', r.rate)} <Tag color="blue">按比率填报</Tag>
                    </>
                  ) : r.denominator !== null ? (
                    `${r.actual ?? '—'} / ${r.denominator}`
                  ) : (
                    (r.actual ?? '—')
                  ),
              },
              { title: '计划指标', dataIndex: 'plan', width: 110, align: 'right' as const, render: (v: string | null) => v ?? '—' },
              {
                title: '检查结果',
                key: 'problems',
                render: (_: unknown, r) =>
                  r.problems.length ? (
                    r.problems.map((p) => (
                      <div key={p.field}>
                        <Typography.Text type="danger">{messageOnRow(p.message)}</Typography.Text>
                      </div>
                    ))
                  ) : (
                    <Tag color="success">可保存</Tag>
                  ),
              },
            ]}
          />
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" disabled={bad.length > 0} loading={upload.isPending} onClick={() => send(false)}>
              确认保存 {preview.rows.length} 行{indicator ? `（${indicator.name}）` : ''}
            </Button>
            <Button onClick={() => setPreview(null)}>取消</Button>
          </Space>
        </div>
      )}
    </Card>
  );
}
