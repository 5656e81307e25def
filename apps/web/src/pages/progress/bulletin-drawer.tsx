import { Button, Descriptions, Drawer, Grid, Space, Spin, Table, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../components/error-alert';
import { formatDate, formatDateTime, formatPercent } from '../../lib/format';
import { CADENCE, formatIndicatorValue, issueLabel, PROGRESS_STATUS, tagOf, TRIGGER } from '../../lib/office-labels';
import { useBulletin, type Bulletin } from './bulletins-hooks';

type Section = Bulletin['content']['sections'][number];
type Row = Section['ranking'][number];

function SectionView({ s }: { s: Section }) {
  const named = (title: string, rows: Row[], color: string) =>
    rows.length > 0 && (
      <div style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{title}：</Typography.Text>
        {rows.map((r) => (
          <Tag key={r.unitId} color={color}>
            {r.name}
          </Tag>
        ))}
      </div>
    );
  return (
    <section style={{ marginBottom: 24 }} data-testid={`bulletin-section-${s.code}`}>
      <Typography.Title level={5}>
        {s.name}（{s.code}）
      </Typography.Title>
      {s.sentences.map((line, i) => (
        <Typography.Paragraph key={i} data-testid="bulletin-sentence">
          {line}
        </Typography.Paragraph>
      ))}
      {named('表扬', s.praised, 'success')}
      {named('通报批评', s.criticised, 'warning')}
      {named('零进度', s.zero, 'error')}
      <Table<Row>
        rowKey="unitId"
        size="small"
        pagination={false}
        scroll={{ x: 560 }}
        dataSource={s.ranking}
        columns={[
          { title: '排名', dataIndex: 'rank', width: 60 },
          { title: '单位', dataIndex: 'name' },
          { title: '完成', dataIndex: 'actual', align: 'right', render: (v: string) => formatIndicatorValue(s.unit, v) },
          { title: '目标', dataIndex: 'target', align: 'right', render: (v: string | null) => formatIndicatorValue(s.unit, v) },
          { title: '完成率', dataIndex: 'ratePct', align: 'right', render: (v: string | null) => formatPercent(v) },
          {
            title: '进度',
            dataIndex: 'status',
            render: (v: string | null) => <Tag color={tagOf(PROGRESS_STATUS, v).color}>{tagOf(PROGRESS_STATUS, v).label}</Tag>,
          },
        ]}
      />
    </section>
  );
}

/** One bulletin as it was issued: its title, 第N期, issuer and date, then per indicator its sentences, the ranking and the units named. */
export function BulletinDrawer({
  id,
  onClose,
  onDownload,
}: {
  id?: number;
  onClose: () => void;
  onDownload: (id: number, date: string, kind?: 'xlsx' | 'pdf') => void;
}) {
  const wide = Grid.useBreakpoint().md ?? true;
  const b = useBulletin(id);
  const c = b.data?.content;
  const actions = b.data && (
    <Space wrap>
      <Button type="primary" onClick={() => onDownload(b.data.id, b.data.date, 'pdf')}>
        下载 PDF
      </Button>
      <Button onClick={() => onDownload(b.data.id, b.data.date)}>下载 XLSX</Button>
    </Space>
  );
  return (
    <Drawer
      open={id !== undefined}
      onClose={onClose}
      width={wide ? 760 : '100%'}
      title={c && b.data ? `${c.title}（${issueLabel(b.data.issueNo)}）` : '进度通报'}
      extra={wide ? actions : undefined}
    >
      <ErrorAlert error={b.error} />
      {!wide && actions && <div style={{ marginBottom: 12 }}>{actions}</div>}
      {b.isLoading && <Spin />}
      {b.data && c && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" styles={{ label: { whiteSpace: 'nowrap' } }} column={wide ? 3 : 1} bordered>
            <Descriptions.Item label="发文机关" span={wide ? 2 : 1}>
              {c.issuer}
            </Descriptions.Item>
            <Descriptions.Item label="期号">
              <Tag color={tagOf(CADENCE, b.data.cadence).color}>{tagOf(CADENCE, b.data.cadence).label}</Tag>
              {issueLabel(b.data.issueNo)}
            </Descriptions.Item>
            <Descriptions.Item label="通报日期">{formatDate(b.data.date)}</Descriptions.Item>
            <Descriptions.Item label="序时进度">{formatPercent(c.expectedPct)}</Descriptions.Item>
            <Descriptions.Item label="来源">
              {tagOf(TRIGGER, b.data.trigger).label} · {formatDateTime(b.data.generatedAt)}
            </Descriptions.Item>
          </Descriptions>
          {c.sections.map((s) => (
            <SectionView key={s.indicatorId} s={s} />
          ))}
        </Space>
      )}
    </Drawer>
  );
}
