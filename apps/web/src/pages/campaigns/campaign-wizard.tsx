import { App, Button, Card, Collapse, Descriptions, Form, Grid, Progress, Result, Space, Spin, Steps, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { fieldLabel, toApiError, type ApiError } from '../../api/errors';
import { useMe, useUnit } from '../../auth/auth-hooks';
import { ErrorAlert } from '../../components/error-alert';
import { formatDate } from '../../lib/format';
import type { CampaignSettings, CampaignView } from './campaign-types';
import { useCampaign, useCreateCampaign, useSettingsDefaults, useUpdateCampaign, type Person } from './campaigns-hooks';
import {
  formatTarget,
  formFieldOf,
  INDICATOR_KINDS,
  INSURANCE_TYPES,
  MEMBER_POSTS,
  sameValue,
  stepOfField,
  targetForApi,
  toCreateBody,
  toWizardValues,
  wizardSettings,
  WIZARD_STEPS,
  type WizardValues,
} from './campaign-model';
import { SettingsFields } from './settings-fields';
import { SETTINGS_SECTIONS } from './settings-model';
import { BasicsStep, IndicatorsStep, MembersStep, PhasesStep, StepAlerts } from './wizard-steps';

/** The fields each step owns (validated before the next step). */
const STEP_FIELDS: (string | number)[][][] = [
  [['name'], ['officeName'], ['startsOn'], ['endsOn']],
  [['phases'], ['milestones']],
  [['indicators']],
  [['members']],
  [['settings']],
  [],
];

/**
 * /campaigns/new: basics, phases and milestones, indicators, leadership group and office, settings, review; created as a
 * draft. /campaigns/:id/edit: the same steps reopened with a draft's values, saved back (PUT) while it is a draft.
 */
export function CampaignWizard({ editId }: { editId?: number }) {
  const defaults = useSettingsDefaults();
  const draft = useCampaign(editId ?? 0);
  const error = defaults.error ?? draft.error;
  if (error)
    return (
      <Card>
        <ErrorAlert error={error} />
        <Link to={editId ? `/campaigns/${editId}` : '/campaigns'}>返回</Link>
      </Card>
    );
  if (!defaults.data || (editId && !draft.data)) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (draft.data && draft.data.status !== 'draft')
    return (
      <Card>
        <Result
          status="warning"
          title="只有草稿状态的扩面任务可以修改"
          subTitle="该任务已启动：指标和目标已下达，可在任务详情的“设置”中调整设置。"
          extra={<Link to={`/campaigns/${draft.data.id}`}>返回详情</Link>}
        />
      </Card>
    );
  return <WizardForm defaults={defaults.data} draft={editId ? draft.data : undefined} />;
}

function WizardForm({ defaults, draft }: { defaults: CampaignSettings; draft?: CampaignView }) {
  const me = useMe().data!;
  const unit = useUnit(me.orgUnitId).data;
  const [form] = Form.useForm<WizardValues>();
  const [step, setStep] = useState(0);
  const [people, setPeople] = useState<ReadonlyMap<number, Person>>(
    () =>
      new Map([
        [me.id, { id: me.id, username: me.username, displayName: me.username }],
        ...(draft?.members ?? []).map((m): [number, Person] => [m.userId, { id: m.userId, username: m.username, displayName: m.displayName }]),
      ]),
  );
  const [alerts, setAlerts] = useState<Record<number, string[]>>({});
  const [failed, setFailed] = useState<ApiError | null>(null);
  const [errorSteps, setErrorSteps] = useState<Set<number>>(new Set());
  const create = useCreateCampaign();
  const update = useUpdateCampaign(draft?.id ?? 0);
  const save = draft ? update : create;
  const navigate = useNavigate();
  const { message } = App.useApp();
  const wide = Grid.useBreakpoint().md ?? true;

  const go = (to: number) => {
    setStep(to);
    window.scrollTo({ top: 0 });
  };
  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[step], { recursive: true });
      setErrorSteps((s) => new Set([...s].filter((x) => x !== step)));
      go(step + 1);
    } catch {
      /* the fields show what is wrong */
    }
  };

  /** The API's field errors next to their fields (Chinese), the rest above their step; jump to the first step at fault. */
  const placeApiErrors = (e: ApiError) => {
    const registered = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
    const byStep: Record<number, string[]> = {};
    const fields: { name: (string | number)[]; errors: string[] }[] = [];
    for (const f of e.fields) {
      const s = stepOfField(f.field);
      const name = formFieldOf(f.field);
      if (name && registered.has(JSON.stringify(name))) fields.push({ name, errors: [f.message] });
      else (byStep[s] ??= []).push(name && fieldLabel(f.field) ? `${fieldLabel(f.field)}：${f.message}` : f.message);
    }
    form.setFields(fields as Parameters<typeof form.setFields>[0]);
    setAlerts(byStep);
    const steps = e.fields.map((f) => stepOfField(f.field));
    setErrorSteps(new Set(steps));
    if (steps.length) go(Math.min(...steps));
    setFailed(steps.length ? null : e);
  };

  const submit = async () => {
    try {
      await form.validateFields(undefined, { recursive: true });
    } catch (err) {
      const first = (err as { errorFields?: { name: (string | number)[] }[] }).errorFields?.[0];
      if (first) go(stepOfField(String(first.name[0])));
      return;
    }
    setAlerts({});
    setFailed(null);
    save.mutate(toCreateBody(form.getFieldsValue(true)), {
      onSuccess: (c) => {
        message.success(draft ? '草稿已保存：核对后在详情页启动任务' : '已创建草稿：核对后在详情页启动任务');
        navigate(`/campaigns/${c.id}`);
      },
      onError: (e) => {
        const error = toApiError(e);
        if (error.fields.length) placeApiErrors(error);
        else setFailed(error);
      },
    });
  };

  const stepItems = WIZARD_STEPS.map((title, i) => ({ title, status: errorSteps.has(i) ? ('error' as const) : undefined }));
  return (
    <Card
      title={draft ? `修改草稿：${draft.name}` : '新建扩面任务'}
      extra={<Link to={draft ? `/campaigns/${draft.id}` : '/campaigns'}>{draft ? '返回详情' : '返回列表'}</Link>}
      styles={{ body: { paddingTop: 16 } }}
    >
      {wide ? (
        <Steps size="small" current={step} items={stepItems} onChange={(i) => (i < step ? go(i) : undefined)} style={{ marginBottom: 24 }} />
      ) : (
        <div style={{ marginBottom: 16 }} data-testid="wizard-progress">
          <Typography.Text strong>
            第 {step + 1} 步 / 共 {WIZARD_STEPS.length} 步：{WIZARD_STEPS[step]}
          </Typography.Text>
          <Progress
            percent={Math.round(((step + 1) / WIZARD_STEPS.length) * 100)}
            showInfo={false}
            size="small"
            status={errorSteps.size ? 'exception' : 'active'}
          />
        </div>
      )}
      <ErrorAlert error={failed} />
      <Form<WizardValues>
        form={form}
        layout="vertical"
        scrollToFirstError
        initialValues={
          draft
            ? toWizardValues(draft)
            : {
                officeName: '扩面征缴工作领导小组办公室',
                phases: [],
                milestones: [],
                indicators: [],
                members: me.roles.includes('office') ? [{ userId: me.id, post: 'office:director', title: '办公室主任' }] : [],
                settings: wizardSettings(defaults),
              }
        }
        style={{ maxWidth: 960 }}
      >
        <div hidden={step !== 0}>
          <StepAlerts messages={alerts[0]} />
          <BasicsStep unitName={unit?.name ?? ''} />
        </div>
        <div hidden={step !== 1}>
          <PhasesStep form={form} alerts={alerts[1]} />
        </div>
        <div hidden={step !== 2}>
          <IndicatorsStep form={form} alerts={alerts[2]} />
        </div>
        <div hidden={step !== 3}>
          <MembersStep known={people} onPicked={(p) => setPeople((m) => new Map(m).set(p.id, p))} alerts={alerts[3]} />
        </div>
        <div hidden={step !== 4}>
          <StepAlerts messages={alerts[4]} />
          <Typography.Paragraph type="secondary">
            {draft ? '草稿的设置，可以修改；启动后也可在任务详情的“设置”中修改。' : '各项已填默认值，可以不改；创建后也可在任务详情的“设置”中修改。'}
          </Typography.Paragraph>
          <Collapse
            items={SETTINGS_SECTIONS.map((s) => ({
              key: s.key,
              label: s.title,
              extra: wide ? <Typography.Text type="secondary">{s.hint}</Typography.Text> : undefined,
              forceRender: true,
              children: <SettingsFields section={s.key} prefix={['settings']} />,
            }))}
          />
        </div>
        {step === 5 && <Review values={form.getFieldsValue(true)} people={people} unitName={unit?.name ?? ''} defaults={defaults} />}
      </Form>
      <Space wrap style={{ marginTop: 24 }}>
        {step > 0 && <Button onClick={() => go(step - 1)}>上一步</Button>}
        {step < WIZARD_STEPS.length - 1 && (
          <Button type="primary" onClick={next}>
            下一步
          </Button>
        )}
        {step === WIZARD_STEPS.length - 1 && (
          <Button type="primary" loading={save.isPending} onClick={submit}>
            {draft ? '保存草稿' : '创建草稿'}
          </Button>
        )}
      </Space>
    </Card>
  );
}

/** What will be created (or saved), as the clerk typed it. */
function Review({
  values: v,
  people,
  unitName,
  defaults,
}: {
  values: WizardValues;
  people: ReadonlyMap<number, Person>;
  unitName: string;
  defaults: CampaignSettings;
}) {
  const changed = SETTINGS_SECTIONS.filter(
    (s) =>
      !sameValue(
        {
          ...defaults[s.key],
          ...(s.key === 'progress'
            ? { inspectionIndicatorIds: defaults.progress.inspectionIndicatorIds, rosterIndicatorIds: defaults.progress.rosterIndicatorIds }
            : {}),
          ...v.settings?.[s.key],
        },
        defaults[s.key],
      ),
  );
  return (
    <div data-testid="wizard-review">
      <Descriptions size="small" bordered column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="任务名称">{v.name}</Descriptions.Item>
        <Descriptions.Item label="牵头单位">{unitName}</Descriptions.Item>
        <Descriptions.Item label="任务期">
          {formatDate(v.startsOn)} 至 {formatDate(v.endsOn)}
        </Descriptions.Item>
        <Descriptions.Item label="办公室">{v.officeName || '—'}</Descriptions.Item>
        <Descriptions.Item label="阶段">
          {v.phases?.length ? v.phases.map((p) => <div key={p.name + p.startsOn}>{`${p.name}：${p.startsOn} 至 ${p.endsOn}`}</div>) : '未设阶段'}
        </Descriptions.Item>
        <Descriptions.Item label="时间节点">
          {v.milestones?.length ? v.milestones.map((m) => <div key={m.dueOn}>{`${m.dueOn} 累计完成 ${m.percent}%`}</div>) : '未设时间节点'}
        </Descriptions.Item>
        <Descriptions.Item label="设置">{changed.length ? `已修改：${changed.map((s) => s.title).join('、')}` : '全部为默认值'}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>指标</Typography.Title>
      <Table
        size="small"
        rowKey={(r) => `${r.code}-${r.name}`}
        pagination={false}
        scroll={{ x: 'max-content' }}
        style={{ marginBottom: 16 }}
        dataSource={v.indicators ?? []}
        locale={{ emptyText: '还没有指标：启动任务前至少需要一个指标，可返回“指标”一步添加' }}
        columns={[
          { title: '代码', dataIndex: 'code' },
          { title: '名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind', render: (k: keyof typeof INDICATOR_KINDS) => INDICATOR_KINDS[k]?.label },
          { title: '险种', dataIndex: 'insuranceType', render: (t: keyof typeof INSURANCE_TYPES) => INSURANCE_TYPES[t] },
          { title: '本级目标', key: 'target', render: (_, r) => formatTarget(r.kind, r.target == null ? null : targetForApi(r.kind, r.target, r.scale)) },
        ]}
      />
      <Typography.Title level={5}>领导小组与办公室</Typography.Title>
      {v.members?.length ? (
        <Space wrap>
          {v.members.map((m) => (
            <Tag key={`${m.post}-${m.userId}`}>
              {MEMBER_POSTS.find((p) => p.value === m.post)?.label}：{people.get(m.userId)?.displayName ?? m.userId}
              {m.title ? `（${m.title}）` : ''}
            </Tag>
          ))}
        </Space>
      ) : (
        <Typography.Text type="secondary">未添加成员</Typography.Text>
      )}
    </div>
  );
}
