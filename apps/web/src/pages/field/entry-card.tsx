import { Button, Descriptions, Drawer, Empty, List, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { formatDate, formatDateTime } from '../../lib/format';
import type { EmployersPage, PeoplePage } from '../unit/unit-hooks';
import { STATUS_COLORS } from './field-labels';
import { useEmployer, useVisitHistory } from './field-hooks';
import { useOutbox } from './visit-outbox';
import { VisitSheet } from './visit-sheet';
import { useRegistryLabels } from '../registry/registry-hooks';

export type Person = PeoplePage['items'][number];
export type EmployerEntry = EmployersPage['items'][number];
export type Entry = { kind: 'person'; row: Person } | { kind: 'employer'; row: EmployerEntry };

function PersonFacts({ p }: { p: Person }) {
  const labels = useRegistryLabels();
  const employer = useEmployer(p.employerId);
  return (
    <Descriptions column={1} size="small" bordered>
      <Descriptions.Item label="身份证号">{p.idNumber}</Descriptions.Item>
      <Descriptions.Item label="性别年龄">
        {p.sex === 'M' ? '男' : '女'} · {p.age} 岁
      </Descriptions.Item>
      <Descriptions.Item label="建议险种">
        <Tag color="blue">{labels.recommendation.label(p.recommendation)}</Tag>
      </Descriptions.Item>
      <Descriptions.Item label="手机号">{p.phone ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="人员类别">{labels.group.label(p.sourceGroup)}</Descriptions.Item>
      <Descriptions.Item label="工作单位">{p.employerId ? (employer.data?.name ?? (employer.isLoading ? '…' : '—')) : '—'}</Descriptions.Item>
      <Descriptions.Item label="地址">{p.address ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="所在单位">{p.unitName}</Descriptions.Item>
    </Descriptions>
  );
}

function EmployerFacts({ e }: { e: EmployerEntry }) {
  return (
    <Descriptions column={1} size="small" bordered>
      <Descriptions.Item label="信用代码">{e.uscc}</Descriptions.Item>
      <Descriptions.Item label="法定代表人">{e.legalRepresentative ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="职工">
        {e.staffCount} 人，已参保 {e.insuredCount}，未参保 {e.uninsuredCount}
      </Descriptions.Item>
      <Descriptions.Item label="地址">{e.address ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="所在单位">{e.unitName}</Descriptions.Item>
    </Descriptions>
  );
}

/** The entry card: who or what it is (ID masked), the recommended scheme, the employer, the visits (those on the phone first), 登记走访. */
export function EntryCard({ entry, onClose }: { entry: Entry | undefined; onClose: () => void }) {
  const labels = useRegistryLabels();
  const [visiting, setVisiting] = useState(false);
  const history = useVisitHistory(entry?.kind ?? 'person', entry?.row.id);
  const outbox = useOutbox().filter((v) => entry && v.body.kind === entry.kind && v.body.entryId === entry.row.id);
  if (!entry) return null;
  const { row } = entry;
  return (
    <Drawer open onClose={onClose} placement="bottom" height="92%" title={row.name} data-testid="entry-card" styles={{ body: { padding: 12 } }}>
      <div style={{ marginBottom: 12 }}>
        <Tag color={STATUS_COLORS[row.status] ?? 'default'}>{labels.status.label(row.status)}</Tag>
        <Typography.Text type="secondary">
          走访 {row.visitCount} 次{row.lastVisitAt ? `，最近 ${formatDate(row.lastVisitAt)}` : '，尚未走访'}
        </Typography.Text>
      </div>
      {entry.kind === 'person' ? <PersonFacts p={entry.row} /> : <EmployerFacts e={entry.row} />}
      <Button type="primary" block size="large" style={{ margin: '12px 0' }} onClick={() => setVisiting(true)}>
        登记走访
      </Button>
      <Typography.Title level={5}>走访记录</Typography.Title>
      {outbox.map((v) => (
        <div key={v.key} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="queued-visit">
          <Tag color={v.failed ? 'red' : 'orange'}>{v.failed ? '发送失败' : '待发送'}</Tag>
          {formatDateTime(v.body.visitedAt)} · {labels.method.label(v.body.method)} · {labels.status.label(v.body.outcome)}
          {v.failed && <div style={{ color: '#cf1322' }}>{v.failed}</div>}
        </div>
      ))}
      {history.isLoading ? (
        <Spin />
      ) : history.data?.length ? (
        <List
          size="small"
          dataSource={history.data}
          renderItem={(v) => (
            <List.Item style={{ paddingInline: 0 }}>
              <div>
                <div>
                  {formatDateTime(v.visitedAt)} · {labels.method.label(v.method)} · <Tag>{labels.status.label(v.outcome)}</Tag>
                </div>
                {(v.proofReference || v.ineligibleReason || v.note) && (
                  <Typography.Text type="secondary">{[v.proofReference, v.ineligibleReason, v.note].filter(Boolean).join('；')}</Typography.Text>
                )}
              </div>
            </List.Item>
          )}
        />
      ) : (
        !outbox.length && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={history.isError ? '走访记录暂时无法读取' : '尚无走访记录'} />
      )}
      <VisitSheet kind={entry.kind} entryId={row.id} entryName={row.name} open={visiting} onClose={() => setVisiting(false)} />
    </Drawer>
  );
}
