import { ApartmentOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Col, Descriptions, Input, List, Popconfirm, Row, Space, Spin, Tag, Tree, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../../auth/auth-hooks';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../lib/format';
import { LEVEL_LABELS, useAncestors, useDeactivateUnit, useOrgUnit, useUnitSearch, type OrgUnit } from './org-hooks';
import { TreeImportModal } from './tree-import';
import { CreateUnitModal, EditUnitModal, MoveUnitModal } from './unit-forms';
import { UnitRobot } from './unit-robot';
import { useLazyUnitTree } from './unit-tree';

/** The organisation: the tree (opened level by level), a unit's detail, and the office's changes of the tree. */
export function OrgPage() {
  const me = useMe().data!;
  const canEdit = me.roles.includes('office') || me.roles.includes('admin');
  const [params, setParams] = useSearchParams();
  const selected = Number(params.get('unit')) || me.orgUnitId;
  const select = (id: number) => setParams({ unit: String(id) }, { replace: true });
  const [importing, setImporting] = useState(false);
  const root = useOrgUnit(me.orgUnitId).data;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="组织架构"
        extra={
          <Space wrap>
            {me.roles.includes('admin') && <Link to="/org/users">用户管理</Link>}
            {canEdit && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>
                导入组织树
              </Button>
            )}
          </Space>
        }
        styles={{ body: { padding: 12 } }}
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <UnitSearch onPick={select} />
            <UnitTree selected={selected} onSelect={select} />
          </Col>
          <Col xs={24} lg={14}>
            <UnitDetail key={selected} id={selected} canEdit={canEdit} onSelect={select} />
          </Col>
        </Row>
      </Card>
      <TreeImportModal open={importing} onClose={() => setImporting(false)} parentCode={root?.code} />
    </Space>
  );
}

/** Finds a unit by name or code anywhere in scope (the tree only shows what is opened). */
function UnitSearch({ onPick }: { onPick: (id: number) => void }) {
  const [q, setQ] = useState('');
  const found = useUnitSearch({ q, pageSize: 10, includeInactive: 'true' }, q.length > 0);
  return (
    <div style={{ marginBottom: 12 }}>
      <Input.Search allowClear placeholder="按名称或代码查找单位" onSearch={(v) => setQ(v.trim())} enterButton />
      {q && (
        <List
          size="small"
          bordered
          style={{ marginTop: 8 }}
          loading={found.isFetching}
          dataSource={found.data?.items ?? []}
          locale={{ emptyText: <EmptyHint text="没有找到单位" next="换一个名称或代码再试" /> }}
          footer={found.data && found.data.total > 10 ? `共 ${found.data.total} 个，仅显示前 10 个，请输入更完整的名称` : undefined}
          renderItem={(u) => (
            <List.Item style={{ cursor: 'pointer' }} onClick={() => onPick(u.id)}>
              <Space wrap>
                <span>{u.name}</span>
                <Typography.Text type="secondary">{u.code}</Typography.Text>
                <Tag>{LEVEL_LABELS[u.level]}</Tag>
                {!u.active && <Tag>已停用</Tag>}
              </Space>
            </List.Item>
          )}
        />
      )}
    </div>
  );
}

function UnitTree({ selected, onSelect }: { selected: number; onSelect: (id: number) => void }) {
  const { treeData, loadData, root } = useLazyUnitTree();
  const [expanded, setExpanded] = useState<number[]>([]);
  if (root.error) return <ErrorAlert error={root.error} />;
  if (!treeData.length) return <Spin />;
  return (
    <div style={{ maxHeight: 560, overflow: 'auto', border: '1px solid #f0f0f0', borderRadius: 6, padding: 8 }} data-testid="org-tree">
      <Tree
        showLine
        icon={<ApartmentOutlined />}
        treeData={treeData}
        loadData={(n) => loadData(Number(n.key))}
        expandedKeys={expanded.length ? expanded : [treeData[0].key]}
        onExpand={(keys) => setExpanded(keys.map(Number))}
        selectedKeys={[selected]}
        onSelect={(keys) => keys.length && onSelect(Number(keys[0]))}
      />
    </div>
  );
}

function UnitDetail({ id, canEdit, onSelect }: { id: number; canEdit: boolean; onSelect: (id: number) => void }) {
  const unit = useOrgUnit(id);
  const ancestors = useAncestors(id);
  const [dialog, setDialog] = useState<'create' | 'edit' | 'move' | null>(null);
  const deactivate = useDeactivateUnit();
  const { message } = App.useApp();
  if (unit.error) return <ErrorAlert error={unit.error} />;
  const u: OrgUnit | undefined = unit.data;
  if (!u) return <Spin />;

  return (
    <Card size="small" title={u.name} extra={u.active ? <Tag color="success">启用</Tag> : <Tag>已停用</Tag>} data-testid="unit-detail">
      <Breadcrumb
        style={{ marginBottom: 12 }}
        items={(ancestors.data ?? []).map((a) => ({ key: a.id, title: a.id === u.id ? a.name : <a onClick={() => onSelect(a.id)}>{a.name}</a> }))}
      />
      <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
        <Descriptions.Item label="单位代码">{u.code}</Descriptions.Item>
        <Descriptions.Item label="层级">{LEVEL_LABELS[u.level]}</Descriptions.Item>
        {u.level === 'agency' && (
          <Descriptions.Item label="职责" span={2}>
            {u.duty || '—'}
          </Descriptions.Item>
        )}
        <Descriptions.Item label="创建时间">{formatDateTime(u.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="最近修改">{formatDateTime(u.updatedAt)}</Descriptions.Item>
      </Descriptions>
      {u.active && <UnitRobot unitId={u.id} canEdit={canEdit} />}
      <ErrorAlert error={deactivate.error} style={{ marginTop: 16 }} />
      {canEdit && u.active && (
        <Space wrap style={{ marginTop: 16 }}>
          {u.level !== 'village' && u.level !== 'agency' && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('create')}>
              新增下级单位
            </Button>
          )}
          <Button onClick={() => setDialog('edit')}>编辑</Button>
          {u.parentId !== null && <Button onClick={() => setDialog('move')}>移动</Button>}
          {u.parentId !== null && (
            <Popconfirm
              title={`停用“${u.name}”？`}
              description="该单位及其全部下级单位将一并停用；承担着未结束活动任务的单位不能停用。"
              okText="停用"
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                deactivate
                  .mutateAsync(u.id)
                  .then((r) => void message.success(`已停用 ${r.deactivated} 个单位`))
                  .catch(() => undefined)
              }
            >
              <Button danger loading={deactivate.isPending}>
                停用
              </Button>
            </Popconfirm>
          )}
        </Space>
      )}
      {dialog === 'create' && (
        <CreateUnitModal
          parent={u}
          open
          onClose={() => setDialog(null)}
          onCreated={(newId) => {
            setDialog(null);
            onSelect(newId);
          }}
        />
      )}
      {dialog === 'edit' && <EditUnitModal unit={u} open onClose={() => setDialog(null)} />}
      {dialog === 'move' && <MoveUnitModal unit={u} open onClose={() => setDialog(null)} />}
    </Card>
  );
}
