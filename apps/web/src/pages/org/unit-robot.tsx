import { App, Button, Descriptions, Form, Input, Modal, Popconfirm, Radio, Space, Switch, Tag, Typography } from 'antd';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Answer } from '../../api/answers';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldErrors } from '../../components/form-errors';
import { formatDateTime } from '../../lib/format';

type Robot = Answer<'/api/notice-robots', 'get'>['items'][number];
type SaveRobot = components['schemas']['SaveRobotDto'];
const PROVIDER: Record<string, string> = { dingtalk: '钉钉', wecom: '企业微信' };

/** The unit's own robot: the first of its subtree's list (sorted by path) when it is the unit's. */
function useUnitRobot(unitId: number) {
  return useQuery({
    queryKey: ['notice-robots', unitId],
    queryFn: () => unwrap<Answer<'/api/notice-robots', 'get'>>(api.GET('/api/notice-robots', { params: { query: { orgUnitId: unitId, pageSize: 1 } } })),
    select: (p): Robot | null => p.items.find((r) => r.orgUnitId === unitId) ?? null,
    placeholderData: keepPreviousData,
  });
}

function useRobotChange<V>(call: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: call, onSuccess: () => qc.invalidateQueries({ queryKey: ['notice-robots'] }) });
}

/** 群机器人: the unit's DingTalk or WeCom group robot that staff notices (approvals, overdue, escalations, bulletins, inspections) go to. */
export function UnitRobot({ unitId, canEdit }: { unitId: number; canEdit: boolean }) {
  const { message } = App.useApp();
  const robot = useUnitRobot(unitId);
  const [editing, setEditing] = useState(false);
  const remove = useRobotChange((id: number) => unwrap(api.DELETE('/api/notice-robots/{orgUnitId}', { params: { path: { orgUnitId: id } } })));
  const r = robot.data;
  return (
    <div style={{ marginTop: 16 }} data-testid="unit-robot">
      <Typography.Title level={5}>群机器人</Typography.Title>
      <ErrorAlert error={robot.error ?? remove.error} />
      {r ? (
        <Descriptions column={{ xs: 1, sm: 2 }} size="small" bordered>
          <Descriptions.Item label="类型">{PROVIDER[r.provider]}</Descriptions.Item>
          <Descriptions.Item label="状态">{r.enabled ? <Tag color="success">推送中</Tag> : <Tag>已暂停</Tag>}</Descriptions.Item>
          <Descriptions.Item label="Webhook 地址" span={2}>
            {r.url}
          </Descriptions.Item>
          {r.secret && <Descriptions.Item label="加签密钥">{r.secret}</Descriptions.Item>}
          <Descriptions.Item label="最近修改">{formatDateTime(r.updatedAt)}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Paragraph type="secondary">未设置：本单位的审批、逾期、督办、通报和检查通知只在站内提醒。</Typography.Paragraph>
      )}
      {canEdit && (
        <Space style={{ marginTop: 8 }}>
          <Button onClick={() => setEditing(true)}>{r ? '修改群机器人' : '设置群机器人'}</Button>
          {r && (
            <Popconfirm
              title="删除后本单位的通知不再推送到该群。确定删除？"
              onConfirm={() => remove.mutate(unitId, { onSuccess: () => void message.success('已删除群机器人') })}
            >
              <Button danger>删除</Button>
            </Popconfirm>
          )}
        </Space>
      )}
      {editing && <RobotModal unitId={unitId} robot={r ?? null} onClose={() => setEditing(false)} />}
    </div>
  );
}

function RobotModal({ unitId, robot, onClose }: { unitId: number; robot: Robot | null; onClose: () => void }) {
  const [form] = Form.useForm<SaveRobot>();
  const [banner, setBanner] = useState<unknown>(null);
  const provider = Form.useWatch('provider', form);
  const save = useRobotChange((body: SaveRobot) => unwrap(api.PUT('/api/notice-robots/{orgUnitId}', { params: { path: { orgUnitId: unitId } }, body })));
  const submit = (v: SaveRobot) =>
    save.mutate(
      { provider: v.provider, url: v.url.trim(), enabled: v.enabled ?? true, ...(v.provider === 'dingtalk' && v.secret ? { secret: v.secret.trim() } : {}) },
      { onSuccess: onClose, onError: (e) => setBanner(showFieldErrors(form, e).unplaced ? e : null) },
    );
  return (
    <Modal open title={robot ? '修改群机器人' : '设置群机器人'} onCancel={onClose} footer={null} destroyOnHidden>
      <ErrorAlert error={banner} />
      <Form<SaveRobot>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ provider: robot?.provider ?? 'dingtalk', enabled: robot?.enabled ?? true }}
      >
        <Form.Item name="provider" label="类型" rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'dingtalk', label: '钉钉' },
              { value: 'wecom', label: '企业微信' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="url"
          label="Webhook 地址"
          rules={[{ required: true, whitespace: true, message: '请填写机器人的 Webhook 地址' }]}
          extra={provider === 'wecom' ? '企业微信群 → 群机器人 → Webhook 地址（含 key）' : '钉钉群 → 智能群助手 → 自定义机器人 → Webhook（含 access_token）'}
        >
          <Input placeholder={robot ? '请重新填写完整地址' : 'https://…'} maxLength={500} />
        </Form.Item>
        {provider === 'dingtalk' && (
          <Form.Item name="secret" label="加签密钥" extra={robot?.secret ? `已保存 ${robot.secret}，不修改请留空` : '安全设置选择“加签”，密钥以 SEC 开头'}>
            <Input.Password autoComplete="new-password" maxLength={200} />
          </Form.Item>
        )}
        <Form.Item name="enabled" label="推送" valuePropName="checked">
          <Switch />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存
          </Button>
          <Button onClick={onClose}>取消</Button>
        </Space>
      </Form>
    </Modal>
  );
}
