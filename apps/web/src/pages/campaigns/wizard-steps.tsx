import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Typography } from 'antd';
import { DatePicker } from '../../components/date-picker';
import type { FormInstance, FormRule } from 'antd';
import type { Person } from './campaigns-hooks';
import { INDICATOR_KINDS, INDICATOR_SOURCES, INSURANCE_TYPES, MEMBER_POSTS, milestoneProblem, outsidePeriod, type WizardValues } from './campaign-model';
import { dateItem, half, third } from './form-bits';
import { ListRows } from './list-rows';
import { UserPicker } from './user-picker';

const required = (what: string): FormRule => ({ required: true, message: `请填写${what}` });
const requiredPick = (what: string): FormRule => ({ required: true, message: `请选择${what}` });

/** A date inside the campaign period (checked again whenever the period changes). */
const inPeriod =
  (what: string): FormRule =>
  ({ getFieldValue }) => ({
    validator: (_, v?: string) =>
      outsidePeriod(v, getFieldValue('startsOn'), getFieldValue('endsOn'))
        ? Promise.reject(new Error(`${what}须在任务期（${getFieldValue('startsOn')} 至 ${getFieldValue('endsOn')}）内`))
        : Promise.resolve(),
  });

/** Not before the start field next to it. */
const notBefore =
  (start: (string | number)[], what = '开始日期'): FormRule =>
  ({ getFieldValue }) => ({
    validator: (_, v?: string) => {
      const s = getFieldValue(start) as string | undefined;
      return v && s && v < s ? Promise.reject(new Error(`结束日期不能早于${what}（${s}）`)) : Promise.resolve();
    },
  });

/** Errors the API named on a whole list (milestones, members …): shown above the step. */
export function StepAlerts({ messages }: { messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      message={messages.length === 1 ? messages[0] : messages.map((m) => <div key={m}>{m}</div>)}
    />
  );
}

export function BasicsStep({ unitName }: { unitName: string }) {
  return (
    <>
      <Form.Item name="name" label="任务名称" rules={[required('任务名称'), { max: 200, message: '最多 200 个字' }]}>
        <Input placeholder="如 2027年社会保险扩面征缴专项行动" maxLength={200} />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item label="牵头单位" extra="扩面任务由本单位牵头，分解到下级单位">
            <Input value={unitName} disabled />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="officeName" label="办公室名称" rules={[{ max: 100, message: '最多 100 个字' }]}>
            <Input placeholder="扩面征缴工作领导小组办公室" maxLength={100} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="startsOn" label="开始日期" rules={[requiredPick('开始日期')]} {...dateItem}>
            <DatePicker style={{ width: '100%' }} placeholder="选择开始日期" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="endsOn" label="结束日期" dependencies={['startsOn']} rules={[requiredPick('结束日期'), notBefore(['startsOn'])]} {...dateItem}>
            <DatePicker style={{ width: '100%' }} placeholder="选择结束日期" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

export function PhasesStep({ form, alerts }: { form: FormInstance<WizardValues>; alerts?: string[] }) {
  const startsOn = Form.useWatch('startsOn', form);
  const endsOn = Form.useWatch('endsOn', form);
  return (
    <>
      <StepAlerts messages={alerts} />
      <Typography.Paragraph type="secondary">
        阶段和时间节点都须在任务期（{startsOn ?? '开始日期'} 至 {endsOn ?? '结束日期'}
        ）内。时间节点的进度是到该日累计应完成目标的百分比，按日期先后不能下降，同一天只能有一个节点。
      </Typography.Paragraph>
      <Typography.Title level={5}>阶段</Typography.Title>
      <ListRows name="phases" what="阶段" testId="phase" addLabel="添加阶段" addValue={{ name: '' }} addStyle={{ marginBottom: 24 }}>
        {(f, i) => (
          <>
            <Col xs={24} md={8}>
              <Form.Item name={[f.name, 'name']} label={`阶段 ${i + 1} 名称`} rules={[required('阶段名称')]}>
                <Input placeholder="如 动员部署" maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={12} md={7}>
              <Form.Item
                name={[f.name, 'startsOn']}
                label="开始"
                dependencies={['startsOn', 'endsOn']}
                rules={[requiredPick('开始日期'), inPeriod('阶段')]}
                {...dateItem}
              >
                <DatePicker style={{ width: '100%' }} aria-label={`阶段 ${i + 1} 开始`} />
              </Form.Item>
            </Col>
            <Col xs={12} md={7}>
              <Form.Item
                name={[f.name, 'endsOn']}
                label="结束"
                dependencies={['startsOn', 'endsOn', ['phases', f.name, 'startsOn']]}
                rules={[requiredPick('结束日期'), inPeriod('阶段'), notBefore(['phases', f.name, 'startsOn'], '阶段开始')]}
                {...dateItem}
              >
                <DatePicker style={{ width: '100%' }} aria-label={`阶段 ${i + 1} 结束`} />
              </Form.Item>
            </Col>
          </>
        )}
      </ListRows>
      <Typography.Title level={5}>时间节点（序时进度）</Typography.Title>
      <ListRows name="milestones" what="节点" testId="milestone" addLabel="添加时间节点" addValue={{}}>
        {(f, i) => (
          <>
            <Col xs={12} md={8}>
              <Form.Item
                name={[f.name, 'dueOn']}
                label={`节点 ${i + 1} 日期`}
                dependencies={['startsOn', 'endsOn']}
                rules={[requiredPick('节点日期'), inPeriod('时间节点')]}
                {...dateItem}
              >
                <DatePicker style={{ width: '100%' }} aria-label={`节点 ${i + 1} 日期`} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item
                name={[f.name, 'percent']}
                label="累计完成"
                dependencies={['milestones']}
                rules={[
                  required('百分比'),
                  ({ getFieldValue }) => ({
                    validator: () => {
                      const problem = milestoneProblem(getFieldValue('milestones') ?? [], f.name);
                      return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                    },
                  }),
                ]}
              >
                <InputNumber min={0.01} max={100} precision={2} addonAfter="%" style={{ width: '100%' }} aria-label={`节点 ${i + 1} 累计完成`} />
              </Form.Item>
            </Col>
          </>
        )}
      </ListRows>
    </>
  );
}

const KIND_OPTIONS = Object.entries(INDICATOR_KINDS).map(([value, k]) => ({ value, label: k.label }));
const INSURANCE_OPTIONS = Object.entries(INSURANCE_TYPES).map(([value, label]) => ({ value, label }));

/** The target input of one indicator, by its kind: whole people (or 万人 with four decimals), yuan with two, a rate in (0, 100]. */
function TargetInput({ form, name }: { form: FormInstance<WizardValues>; name: number }) {
  const kind = Form.useWatch(['indicators', name, 'kind'], form);
  const scale = Form.useWatch(['indicators', name, 'scale'], form) ?? 'person';
  const label = '本级目标';
  const extra = '可不填，启动任务时再填写';
  if (kind === 'ratio')
    return (
      <Form.Item
        name={[name, 'target']}
        label={label}
        extra={extra}
        rules={[{ type: 'number', min: 0.01, max: 100, message: '比率目标须大于 0 且不超过 100%' }]}
      >
        <InputNumber min={0.01} max={100} precision={2} addonAfter="%" style={{ width: '100%' }} placeholder="如 98.5" />
      </Form.Item>
    );
  if (kind === 'amount')
    return (
      <Form.Item name={[name, 'target']} label={label} extra={extra} rules={[{ type: 'number', min: 0, message: '金额目标不能为负数' }]}>
        <InputNumber min={0} precision={2} addonAfter="元" style={{ width: '100%' }} placeholder="如 1500000.00" />
      </Form.Item>
    );
  return (
    <Form.Item label={label} extra={scale === 'wan' ? '以万人计，最多四位小数（即精确到人）' : extra} required={false}>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name={[name, 'target']} noStyle rules={[{ type: 'number', min: 0, message: '人数目标不能为负数' }]}>
          <InputNumber
            min={0}
            precision={scale === 'wan' ? 4 : 0}
            style={{ width: '100%' }}
            placeholder={scale === 'wan' ? '如 0.8' : '如 8000'}
            aria-label={`指标 ${name + 1} 目标`}
          />
        </Form.Item>
        <Form.Item name={[name, 'scale']} noStyle initialValue="person">
          <Select
            style={{ width: 90 }}
            options={[
              { value: 'person', label: '人' },
              { value: 'wan', label: '万人' },
            ]}
            aria-label="目标单位"
          />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}

function KindHint({ form, name }: { form: FormInstance<WizardValues>; name: number }) {
  const kind = Form.useWatch(['indicators', name, 'kind'], form) as keyof typeof INDICATOR_KINDS | undefined;
  return kind ? INDICATOR_KINDS[kind].hint : null;
}

function RatioLabels({ form, name }: { form: FormInstance<WizardValues>; name: number }) {
  const kind = Form.useWatch(['indicators', name, 'kind'], form);
  if (kind !== 'ratio') return null;
  return (
    <>
      <Col span={24}>
        <Form.Item name={[name, 'source']} label="数据来源" extra="取自征地项目或困难群体记录的指标按记录自动计算实际值，不需要也不能填报">
          <Select
            placeholder="进度填报"
            allowClear
            options={Object.entries(INDICATOR_SOURCES).map(([value, label]) => ({ value, label }))}
            aria-label="数据来源"
          />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name={[name, 'numeratorLabel']} label="分子名称" rules={[required('分子名称')]}>
          <Input placeholder="如 参保人数" maxLength={100} />
        </Form.Item>
      </Col>
      <Col {...half}>
        <Form.Item name={[name, 'denominatorLabel']} label="分母名称" rules={[required('分母名称')]}>
          <Input placeholder="如 户籍人口" maxLength={100} />
        </Form.Item>
      </Col>
    </>
  );
}

export function IndicatorsStep({ form, alerts }: { form: FormInstance<WizardValues>; alerts?: string[] }) {
  return (
    <>
      <StepAlerts messages={alerts} />
      <Typography.Paragraph type="secondary">
        人数类指标以人计（可按万人填写），金额类以元计，比率类（如参保率）以 % 计并须写明分子和分母。指标代码在本任务内不能重复。
      </Typography.Paragraph>
      <Form.List name="indicators">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f, i) => (
              <Card
                key={f.key}
                size="small"
                title={`指标 ${i + 1}`}
                data-testid={`indicator-${i}`}
                style={{ marginBottom: 12 }}
                extra={
                  <Button type="text" danger icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={`删除指标 ${i + 1}`}>
                    删除
                  </Button>
                }
              >
                <Row gutter={12}>
                  <Col {...third}>
                    <Form.Item name={[f.name, 'code']} label="指标代码" rules={[required('指标代码'), { max: 50, message: '最多 50 个字符' }]}>
                      <Input placeholder="如 EP-NEW" maxLength={50} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={12} lg={16}>
                    <Form.Item name={[f.name, 'name']} label="指标名称" rules={[required('指标名称'), { max: 200, message: '最多 200 个字' }]}>
                      <Input placeholder="如 企业职工基本养老保险新增参保人数" maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col {...third}>
                    <Form.Item name={[f.name, 'kind']} label="类型" rules={[requiredPick('类型')]} extra={<KindHint form={form} name={f.name} />}>
                      <Select options={KIND_OPTIONS} aria-label={`指标 ${i + 1} 类型`} />
                    </Form.Item>
                  </Col>
                  <Col {...third}>
                    <Form.Item name={[f.name, 'insuranceType']} label="险种" rules={[requiredPick('险种')]}>
                      <Select options={INSURANCE_OPTIONS} aria-label={`指标 ${i + 1} 险种`} />
                    </Form.Item>
                  </Col>
                  <Col {...third}>
                    <TargetInput form={form} name={f.name} />
                  </Col>
                  <RatioLabels form={form} name={f.name} />
                </Row>
              </Card>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'count', insuranceType: 'employee_pension', scale: 'person' })}>
              添加指标
            </Button>
          </>
        )}
      </Form.List>
    </>
  );
}

export function MembersStep({ known, onPicked, alerts }: { known: ReadonlyMap<number, Person>; onPicked: (p: Person) => void; alerts?: string[] }) {
  return (
    <>
      <StepAlerts messages={alerts} />
      <Typography.Paragraph type="secondary">
        领导小组设组长、副组长和成员，办公室设主任和成员；同一人在同一机构中只能出现一次。组长、副组长审批分解方案，办公室负责日常调度。
      </Typography.Paragraph>
      <ListRows name="members" what="成员" testId="member" addLabel="添加成员" addValue={{ post: 'leadership:member' }}>
        {(f, i) => (
          <>
            <Col xs={24} md={8}>
              <Form.Item name={[f.name, 'userId']} label={`成员 ${i + 1}`} rules={[requiredPick('人员')]}>
                <UserPicker known={known} onPicked={onPicked} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name={[f.name, 'post']} label="职务" rules={[requiredPick('职务')]}>
                <Select options={MEMBER_POSTS} aria-label={`成员 ${i + 1} 职务`} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name={[f.name, 'title']} label="单位职务" rules={[{ max: 200, message: '最多 200 个字' }]}>
                <Input placeholder="如 市人社局局长" maxLength={200} />
              </Form.Item>
            </Col>
          </>
        )}
      </ListRows>
    </>
  );
}
