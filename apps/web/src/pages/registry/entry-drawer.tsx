import { Descriptions, Drawer, Empty, Grid, Skeleton, Table, Tabs, Tag, Typography } from 'antd';
import { ErrorAlert } from '../../components/error-alert';
import { formatDate, formatDateTime } from '../../lib/format';
import {
  useEntryAssignments,
  useEntryDetail,
  useEntryVisits,
  useRegistryLabels,
  type EmployerDetail,
  type EntryAssignments,
  type EntryKind,
  type EntryVisits,
  type PersonDetail,
} from './registry-hooks';

const SEX: Record<string, string> = { M: '男', F: '女' };
const ASSIGN_MODES: Record<string, string> = { single: '逐条分配', filter: '按条件分配', even: '平均分配' };

/** An entry's full record (the API audits the read: it is fetched only while the drawer is open), its visits and its assignments. */
export function EntryDrawer({
  kind,
  id,
  cadreName,
  onClose,
}: {
  kind: EntryKind;
  id: string | undefined;
  cadreName: Map<number, string>;
  onClose: () => void;
}) {
  const wide = Grid.useBreakpoint().md ?? true;
  const detail = useEntryDetail(kind, id);
  const visits = useEntryVisits(kind, id);
  const assignments = useEntryAssignments(kind, id);
  const labels = useRegistryLabels();
  const cadre = (c: number | null) => (c ? (cadreName.get(c) ?? `干部 ${c}`) : '未分配');
  const d = detail.data;

  const record =
    d && kind === 'person' ? (
      <PersonRecord p={d as PersonDetail} cadre={cadre} labels={labels} />
    ) : d ? (
      <EmployerRecord e={d as EmployerDetail} cadre={cadre} labels={labels} />
    ) : (
      <Skeleton active />
    );

  return (
    <Drawer open={!!id} onClose={onClose} width={wide ? 640 : '100%'} title={d?.name ?? '名册条目'} destroyOnHidden data-testid="entry-drawer">
      <ErrorAlert error={detail.error ?? visits.error ?? assignments.error} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        查看完整信息会记入审计日志。
      </Typography.Paragraph>
      <Tabs
        items={[
          { key: 'record', label: '基本信息', children: record },
          { key: 'visits', label: `走访记录${visits.data ? `（${visits.data.length}）` : ''}`, children: <VisitList rows={visits.data} labels={labels} /> },
          {
            key: 'sources',
            label: `来源${d ? `（${d.sources.length}）` : ''}`,
            children: <SourceList rows={d?.sources} />,
          },
          {
            key: 'assignments',
            label: `分配记录${assignments.data ? `（${assignments.data.length}）` : ''}`,
            children: <AssignmentList rows={assignments.data} cadre={cadre} />,
          },
        ]}
      />
    </Drawer>
  );
}

type Labels = ReturnType<typeof useRegistryLabels>;

function PersonRecord({ p, cadre, labels }: { p: PersonDetail; cadre: (c: number | null) => string; labels: Labels }) {
  return (
    <Descriptions column={1} size="small" bordered>
      <Descriptions.Item label="姓名">{p.name}</Descriptions.Item>
      <Descriptions.Item label="身份证号">{p.idNumber}</Descriptions.Item>
      <Descriptions.Item label="性别 / 年龄">
        {SEX[p.sex] ?? p.sex} / {p.age} 岁（{formatDate(p.birthDate)} 出生）
      </Descriptions.Item>
      <Descriptions.Item label="联系电话">{p.phone ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="住址">{p.address ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="所在单位">{p.unitName}</Descriptions.Item>
      <Descriptions.Item label="人员类别">{labels.group.label(p.sourceGroup)}</Descriptions.Item>
      <Descriptions.Item label="推荐险种">{labels.recommendation.label(p.recommendation)}</Descriptions.Item>
      <Descriptions.Item label="当前参保险种">{p.currentScheme ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="所在单位信用代码">{p.employerUscc ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="状态">
        <Tag>{labels.status.label(p.status)}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label="包村干部">{cadre(p.cadreId)}</Descriptions.Item>
      <Descriptions.Item label="走访">
        {p.visitCount} 次{p.lastVisitAt ? `，最近 ${formatDateTime(p.lastVisitAt)}` : ''}
      </Descriptions.Item>
    </Descriptions>
  );
}

function EmployerRecord({ e, cadre, labels }: { e: EmployerDetail; cadre: (c: number | null) => string; labels: Labels }) {
  return (
    <Descriptions column={1} size="small" bordered>
      <Descriptions.Item label="单位名称">{e.name}</Descriptions.Item>
      <Descriptions.Item label="统一社会信用代码">{e.uscc}</Descriptions.Item>
      <Descriptions.Item label="法定代表人">{e.legalRepresentative ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="地址">{e.address ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="行业">{e.industry ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="所在单位">{e.unitName}</Descriptions.Item>
      <Descriptions.Item label="职工 / 参保 / 未参保">
        {e.staffCount} / {e.insuredCount} / {e.uninsuredCount} 人
      </Descriptions.Item>
      <Descriptions.Item label="标记">{e.flags.length ? e.flags.map((f) => <Tag key={f}>{labels.flag.label(f)}</Tag>) : '—'}</Descriptions.Item>
      <Descriptions.Item label="状态">
        <Tag>{labels.status.label(e.status)}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label="包村干部">{cadre(e.cadreId)}</Descriptions.Item>
      <Descriptions.Item label="走访">
        {e.visitCount} 次（上门 {e.onsiteVisitCount} 次，拒绝 {e.refusalCount} 次）{e.lastVisitAt ? `，最近 ${formatDateTime(e.lastVisitAt)}` : ''}
      </Descriptions.Item>
    </Descriptions>
  );
}

type EntrySources = PersonDetail['sources'];

/** The departments that reported the entry (部门数据上报): which department, which file and row, when. */
function SourceList({ rows }: { rows: EntrySources | undefined }) {
  return (
    <Table<EntrySources[number]>
      rowKey="importId"
      size="small"
      pagination={false}
      loading={!rows}
      dataSource={rows}
      data-testid="entry-sources"
      locale={{ emptyText: <Empty description="没有成员单位报送过该对象（来自名册导入）" /> }}
      columns={[
        { title: '报送部门', dataIndex: 'unitName' },
        { title: '文件', dataIndex: 'fileName', render: (f: string, r) => `${f}（第${r.rowNumber}行）` },
        { title: '报送时间', dataIndex: 'reportedAt', render: (v: string) => formatDateTime(v) },
      ]}
    />
  );
}

function VisitList({ rows, labels }: { rows: EntryVisits | undefined; labels: Labels }) {
  return (
    <Table<EntryVisits[number]>
      rowKey="id"
      size="small"
      loading={!rows}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: <Empty description="还没有走访记录：包村干部走访后在手机上登记" /> }}
      columns={[
        { title: '时间', dataIndex: 'visitedAt', render: (v: string) => formatDateTime(v) },
        { title: '方式', dataIndex: 'method', render: (m: string) => labels.method.label(m) },
        { title: '结果', dataIndex: 'outcome', render: (o: string) => <Tag>{labels.status.label(o)}</Tag> },
        { title: '走访人', dataIndex: 'visitorName', render: (v: string | null) => v ?? '—' },
        {
          title: '说明',
          key: 'note',
          render: (_, v) => [v.proofReference, v.ineligibleReason, v.note].filter(Boolean).join('；') || '—',
        },
      ]}
    />
  );
}

function AssignmentList({ rows, cadre }: { rows: EntryAssignments | undefined; cadre: (c: number | null) => string }) {
  return (
    <Table<EntryAssignments[number]>
      rowKey="id"
      size="small"
      loading={!rows}
      dataSource={rows}
      pagination={false}
      locale={{ emptyText: <Empty description="还没有分配：负责人在「名册分配」把条目分给包村干部" /> }}
      columns={[
        { title: '时间', dataIndex: 'assignedAt', render: (v: string) => formatDateTime(v) },
        { title: '原干部', dataIndex: 'fromCadreId', render: (c: number | null) => (c ? cadre(c) : '—') },
        { title: '分给', dataIndex: 'toCadreId', render: (c: number | null) => cadre(c) },
        { title: '方式', dataIndex: 'mode', render: (m: string) => ASSIGN_MODES[m] ?? m },
      ]}
    />
  );
}
