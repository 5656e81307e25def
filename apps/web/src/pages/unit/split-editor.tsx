import { DeleteOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Form, Grid, InputNumber, Radio, Select, Space, Table, Typography } from 'antd';
import { DatePicker } from '../../components/date-picker';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldErrors } from '../../components/form-errors';
import { useCampaignSettings } from '../campaigns/campaigns-hooks';
import { formatFigure } from './figures';
import { evenShares, splitTotal, type IndicatorKind } from './split-total';
import { useAllocation, useCadres, useChildUnits, useSubmitSplit, type SplitLine, type TaskDetail } from './unit-hooks';

/** The split form's columns, for the banner of errors no cell shows (第3行 目标数：…). */
const SPLIT_LABELS = { target: '目标数', deadline: '截止日期', childUnitId: '单位', holderUserId: '包村干部' };

interface Line {
  childUnitId?: number;
  holderUserId?: number;
  name: string;
  target?: number | string | null;
  /** a unit's count/amount line left without a plan (无计划): sent as target null, not 0 */
  noPlan?: boolean;
  deadline?: Dayjs | null;
}

const ALLOCATION_STATUS: Record<string, string> = {
  draft: '草稿',
  submitted: '已提交，待审批',
  approved: '已批准',
  rejected: '已退回',
  superseded: '已被新版本替代',
};

/**
 * Splits my task over my child units or my own cadres: one line each, a running total against my target as the
 * clerk types (ratios are copied down), then drafted and submitted for approval in one go.
 */
export function SplitEditor({ task }: { task: TaskDetail }) {
  const { message } = App.useApp();
  const narrow = !(Grid.useBreakpoint().md ?? true);
  const kind = task.kind as IndicatorKind;
  // a task without a plan is not split (the API refuses it); the notice below says so
  const taskTarget = task.target ?? '0';
  const [form] = Form.useForm<{ lines: Line[] }>();
  const children = useChildUnits(task.holderUnitId);
  const cadres = useCadres(task.holderUnitId, task.campaignId);
  // a campaign may let counts and money be split above the target (its deadlines section); the API applies the same rule
  const allowOver = useCampaignSettings(task.campaignId).data?.deadlines.allowOverAllocation ?? false;
  const pendingId = task.pendingAllocation?.id;
  const pending = useAllocation(pendingId);
  const approved = useAllocation(task.allocation?.id);
  const submit = useSubmitSplit(task.id);
  const [banner, setBanner] = useState<unknown>(null);
  const base = pendingId ? pending.data : approved.data;
  const [mode, setMode] = useState<'units' | 'cadres'>('units');
  const myCadres = useMemo(() => (cadres.data ?? []).filter((c) => c.orgUnitId === task.holderUnitId), [cadres.data, task.holderUnitId]);
  // the lines start with the administrative units below (as the API cascades); a stationed agency is added by hand
  const activeChildren = useMemo(() => (children.data ?? []).filter((u) => u.active), [children.data]);
  const below = useMemo(() => activeChildren.filter((u) => u.level !== 'agency'), [activeChildren]);

  // the lines to start from: the open draft, else the approved split (a new version), else every child unit or cadre
  useEffect(() => {
    if ((pendingId && !pending.data) || (task.allocation && !approved.data)) return;
    if (base?.lines.length) {
      setMode(base.lines[0].holderUserId ? 'cadres' : 'units');
      form.setFieldsValue({
        lines: base.lines.map((l) => ({
          ...(l.holderUserId
            ? { holderUserId: l.holderUserId, name: l.holderName ?? String(l.holderUserId) }
            : { childUnitId: l.childUnitId, name: l.childName }),
          target: kind === 'ratio' ? l.target : l.target === null ? null : Number(l.target),
          noPlan: kind !== 'ratio' && l.target === null,
          deadline: l.deadline ? dayjs(l.deadline) : null,
        })),
      });
    } else {
      // a village without units below splits over its cadres
      const m = mode === 'units' && children.data && !below.length && myCadres.length ? 'cadres' : mode;
      setMode(m);
      fill(m);
    }
  }, [base, children.data, myCadres.length]);

  function fill(m: 'units' | 'cadres') {
    const lines: Line[] =
      m === 'units'
        ? below.map((u) => ({ childUnitId: u.id, name: u.name, target: kind === 'ratio' ? taskTarget : null }))
        : myCadres.map((c) => ({ holderUserId: c.id, name: c.displayName, target: kind === 'ratio' ? taskTarget : null }));
    form.setFieldsValue({ lines });
  }

  const lines = Form.useWatch('lines', form) ?? [];
  const addable = mode === 'units' ? activeChildren.filter((u) => !lines.some((l) => l?.childUnitId === u.id)) : [];
  const total = splitTotal(
    kind,
    taskTarget,
    lines.map((l) => l?.target),
    allowOver,
    lines.map((l) => !!l?.noPlan),
  );

  if (task.target === null) return <Alert type="info" showIcon message="本单位未下达计划（无计划），没有可分解的目标；照常上报完成数。" />;
  if (task.holderUserId) return <Alert type="info" showIcon message="这是干部分担的任务，不再分解；由该干部或本单位负责人上报进度。" />;
  if (task.pendingAllocation?.status === 'submitted')
    return (
      <Alert
        type="info"
        showIcon
        data-testid="split-submitted"
        message={`分解方案第 ${task.pendingAllocation.version} 版已提交，待领导小组审批`}
        description={pending.data?.lines.map((l) => `${l.holderName ?? l.childName}：${formatFigure(kind, task.unit, l.target)}`).join('；')}
      />
    );

  const onFinish = ({ lines: ls }: { lines: Line[] }) => {
    setBanner(null);
    submit.mutate(
      {
        draftId: pendingId,
        lines: ls.map((l): SplitLine => ({
          ...(l.holderUserId ? { holderUserId: l.holderUserId } : { childUnitId: l.childUnitId! }),
          ...(kind === 'ratio' ? {} : { target: l.noPlan ? null : Number(l.target) }),
          ...(l.deadline ? { deadline: l.deadline.format('YYYY-MM-DD') } : {}),
        })),
      },
      {
        onSuccess: (a) => message.success(`分解方案第 ${a.version} 版已提交审批`),
        onError: (e) => {
          const { error, unplaced } = showFieldErrors(form, e, SPLIT_LABELS);
          setBanner(unplaced ? error : null);
        },
      },
    );
  };

  const totalText =
    total.state === 'copied'
      ? `比率指标不分解：每条均为 ${formatFigure(kind, task.unit, task.target)}`
      : `已分配 ${formatFigure(kind, task.unit, total.sum)} / 目标 ${formatFigure(kind, task.unit, task.target)}，${
          total.state === 'exact'
            ? '正好分完'
            : total.state === 'short'
              ? `还差 ${formatFigure(kind, task.unit, total.remaining)}`
              : `超出 ${formatFigure(kind, task.unit, total.remaining.replace('-', ''))}`
        }`;

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} data-testid="split-editor">
      {base?.status === 'rejected' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`上一版被退回：${base.rejectReason ?? ''}`} />}
      {task.allocation && !pendingId && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={`当前执行第 ${task.allocation.version} 版分解方案；修改后提交即为新版本，批准后生效`}
        />
      )}
      {pendingId && pending.data && (
        <Typography.Paragraph type="secondary">
          第 {pending.data.version} 版：{ALLOCATION_STATUS[pending.data.status]}
        </Typography.Paragraph>
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Radio.Group
          value={mode}
          onChange={(e) => {
            setMode(e.target.value);
            fill(e.target.value);
          }}
          options={[
            { value: 'units', label: '分解到下级单位' },
            { value: 'cadres', label: '分解到本单位干部' },
          ]}
          optionType="button"
        />
        {kind !== 'ratio' && (
          <Button
            onClick={() => {
              // the planned lines share the target; a line without a plan stays so
              const planned = lines.filter((l) => !l.noPlan);
              const shares = evenShares(kind, taskTarget, planned.length);
              form.setFieldsValue({ lines: lines.map((l) => (l.noPlan ? l : { ...l, target: Number(shares[planned.indexOf(l)]) })) });
            }}
          >
            平均分配
          </Button>
        )}
        {addable.length > 0 && (
          <Select
            aria-label="添加单位"
            placeholder="添加单位（如驻区单位）"
            style={{ width: 220 }}
            value={null}
            onChange={(id: number) => {
              const u = addable.find((x) => x.id === id)!;
              form.setFieldsValue({ lines: [...lines, { childUnitId: u.id, name: u.name, target: kind === 'ratio' ? taskTarget : null }] });
            }}
            options={addable.map((u) => ({ value: u.id, label: u.name }))}
          />
        )}
      </Space>
      <Alert
        data-testid="split-total"
        type={total.state === 'copied' || total.state === 'exact' ? 'success' : total.state === 'short' ? 'warning' : 'error'}
        message={totalText}
        style={{ marginBottom: 12 }}
      />
      <ErrorAlert error={banner} />
      <Form.List name="lines">
        {(fields, { remove }) => (
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            scroll={{ x: 560 }}
            dataSource={fields}
            locale={{ emptyText: mode === 'units' ? '本单位没有下级单位' : '本单位没有在岗的包村干部：请办公室先添加干部账号' }}
            columns={[
              { title: mode === 'units' ? '下级单位' : '干部', key: 'name', render: (_, f) => lines[f.name]?.name },
              {
                title: '分解目标',
                key: 'target',
                render: (_, f) => (
                  <Form.Item
                    name={[f.name, 'target']}
                    style={{ margin: 0 }}
                    rules={[
                      {
                        validator: (_r, v) => (total.errors[f.name] && v !== undefined ? Promise.reject(new Error(total.errors[f.name]!)) : Promise.resolve()),
                      },
                    ]}
                  >
                    <InputNumber
                      aria-label={`${lines[f.name]?.name ?? ''}分解目标`}
                      disabled={kind === 'ratio' || !!lines[f.name]?.noPlan}
                      min={0}
                      precision={kind === 'count' ? 0 : 2}
                      style={{ width: narrow ? 110 : 160 }}
                      addonAfter={kind === 'ratio' ? '%' : kind === 'amount' ? '元' : '人'}
                    />
                  </Form.Item>
                ),
              },
              ...(kind !== 'ratio' && mode === 'units'
                ? [
                    {
                      title: '无计划',
                      key: 'noPlan',
                      width: 72,
                      render: (_: unknown, f: { name: number }) => (
                        <Form.Item name={[f.name, 'noPlan']} valuePropName="checked" style={{ margin: 0 }}>
                          <Checkbox
                            aria-label={`${lines[f.name]?.name ?? ''}无计划`}
                            onChange={(e) => e.target.checked && form.setFieldValue(['lines', f.name, 'target'], null)}
                          />
                        </Form.Item>
                      ),
                    },
                  ]
                : []),
              {
                title: '截止日期',
                key: 'deadline',
                render: (_, f) => (
                  <Form.Item name={[f.name, 'deadline']} style={{ margin: 0 }}>
                    <DatePicker
                      placeholder={`默认 ${task.deadline}`}
                      disabledDate={(d) => d.format('YYYY-MM-DD') > task.deadline}
                      style={{ width: narrow ? 140 : 170 }}
                    />
                  </Form.Item>
                ),
              },
              {
                title: '',
                key: 'x',
                width: 48,
                render: (_, f) => <Button type="text" aria-label="删除此行" icon={<DeleteOutlined />} onClick={() => remove(f.name)} />,
              },
            ]}
          />
        )}
      </Form.List>
      <Button type="primary" htmlType="submit" loading={submit.isPending} disabled={!total.ok} style={{ marginTop: 16 }}>
        提交审批
      </Button>
    </Form>
  );
}
