import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import { DatePicker } from '../../components/date-picker';
import type { CampaignView } from './campaign-types';
import { dateItem, half, third } from './form-bits';
import { BULLETIN_CADENCES, MILESTONE_MODES, REPORT_CADENCES, type SettingsSection } from './settings-model';

const HH_MM = { pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: '须为 24 小时制时间 HH:MM，如 17:00' };
const WINDOW_DAY = { pattern: /^(\d{2}-\d{2}|\d{4}-\d{2}-\d{2})$/, message: '月-日 MM-DD（每年重复）或日期 YYYY-MM-DD' };
const days = (label: string, extra?: string) => ({ label, extra, rules: [{ required: true, message: `请填写${label}` }] });

/**
 * The fields of one settings section, named from `prefix` (['settings'] in the wizard, [] on the detail page) so that the API's
 * field errors (`settings.escalation.windows[0].to`, `escalation.time`) land on them. `indicators`: the campaign's, for the
 * inspection credits (only once the campaign exists: the API refuses them at creation).
 */
export function SettingsFields({ section, prefix, indicators }: { section: SettingsSection; prefix: string[]; indicators?: CampaignView['indicators'] }) {
  const n = (...p: (string | number)[]) => [...prefix, section, ...p];
  switch (section) {
    case 'deadlines':
      return (
        <Row gutter={16}>
          <Col {...half}>
            <Form.Item
              name={n('reminderOffsetsDays')}
              label="提前提醒（天）"
              extra="截止日期和每个时间节点前几天提醒任务承担单位，如 7、3、1"
              normalize={(v: (string | number)[]) => [...new Set(v.map(Number).filter((x) => Number.isInteger(x) && x >= 1 && x <= 365))].sort((a, b) => b - a)}
            >
              <Select
                mode="tags"
                tokenSeparators={[',', '，', ' ']}
                placeholder="输入天数后回车"
                options={[7, 3, 1].map((d) => ({ value: d, label: `${d} 天` }))}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name={n('allowOverAllocation')} label="允许超额分解" valuePropName="checked" extra="开启后人数、金额的分解合计可以大于上级目标">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      );
    case 'escalation':
      return (
        <>
          <Form.Item label="截止窗口" extra="窗口内每月 10、20、30 日（2 月为月末）截止；两端同为 MM-DD（每年重复）或同为 YYYY-MM-DD；可不设">
            <Form.List name={n('windows')}>
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="start" wrap style={{ marginBottom: 4 }}>
                      <Form.Item name={[f.name, 'from']} rules={[{ required: true, message: '请填写开始' }, WINDOW_DAY]} style={{ marginBottom: 4 }}>
                        <Input placeholder="从 09-01" style={{ width: 130 }} aria-label="窗口开始" />
                      </Form.Item>
                      <Form.Item name={[f.name, 'to']} rules={[{ required: true, message: '请填写结束' }, WINDOW_DAY]} style={{ marginBottom: 4 }}>
                        <Input placeholder="至 11-30" style={{ width: 130 }} aria-label="窗口结束" />
                      </Form.Item>
                      <Button type="text" icon={<MinusCircleOutlined />} aria-label="删除窗口" onClick={() => remove(f.name)} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ from: '', to: '' })} disabled={fields.length >= 12}>
                    添加窗口
                  </Button>
                </>
              )}
            </Form.List>
          </Form.Item>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item name={n('time')} label="截止时间" rules={[{ required: true, message: '请填写截止时间' }, HH_MM]} extra="北京时间">
                <Input placeholder="17:00" />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name={n('refusalThreshold')} {...days('拒绝次数门槛', '累计拒绝参保达到该次数的用人单位列为候选')}>
                <InputNumber min={1} max={1000} precision={0} addonAfter="次" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item
                name={n('submissionNoticeOnWorkingDay')}
                label="报送通知顺延至工作日"
                valuePropName="checked"
                extra="截止日（10日、20日、30日）不变；截止日为休息日时，报送通知在下一个工作日发出"
              >
                <Switch />
              </Form.Item>
            </Col>
          </Row>
        </>
      );
    case 'progress':
      return (
        <>
          <Row gutter={16}>
            <Col {...third}>
              <Form.Item name={n('incentives', 'a')} {...days('奖励线 A', '完成率达到 A% 起按 X 元/人奖励')}>
                <InputNumber min={0} max={100} precision={2} addonAfter="%" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item
                name={n('incentives', 'b')}
                dependencies={[n('incentives', 'a')]}
                {...days('批评线 B', '低于 B% 不奖励并通报批评；不能高于 A')}
                rules={[
                  { required: true, message: '请填写批评线 B' },
                  ({ getFieldValue }) => ({
                    validator: (_, v) => {
                      const a = getFieldValue(n('incentives', 'a'));
                      return typeof v === 'number' && typeof a === 'number' && v > a ? Promise.reject(new Error(`不能大于 A（${a} %）`)) : Promise.resolve();
                    },
                  }),
                ]}
              >
                <InputNumber min={0} max={100} precision={2} addonAfter="%" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item name={n('statusBandPct')} {...days('领先区间', '高于序时进度该百分点（或已完成）为领先')}>
                <InputNumber min={0} max={100} precision={2} addonAfter="个百分点" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item name={n('incentives', 'x')} {...days('奖励 X', '完成率 ≥ A% 且 < 100% 时每新增 1 人')}>
                <InputNumber min={0} precision={2} addonAfter="元/人" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item name={n('incentives', 'y')} {...days('奖励 Y', '完成率 ≥ 100% 时每新增 1 人')}>
                <InputNumber min={0} precision={2} addonAfter="元/人" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col {...third}>
              <Form.Item name={n('incentives', 'z')} {...days('扣减 Z', '零完成时每 1 个目标数扣减')}>
                <InputNumber min={0} precision={2} addonAfter="元" style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col {...half}>
              <Form.Item
                name={n('bulletinCadences')}
                label="通报周期"
                extra="可多选：各周期分别编号（第N期）、定期生成"
                rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个通报周期' }]}
              >
                <Select mode="multiple" options={Object.entries(BULLETIN_CADENCES).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name={n('milestoneMode')} label="序时进度">
                <Select options={Object.entries(MILESTONE_MODES).map(([value, label]) => ({ value, label }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name={n('reportCadence')} label="报送周期" extra="各单位须在每个报送周期内报送一次进度；周期最后一天仍未报送的单位，其负责人会收到提醒">
            <Select options={Object.entries(REPORT_CADENCES).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          {indicators && (
            <Form.Item name={n('inspectionIndicatorIds')} label="监察结案计入的指标" extra="劳动保障监察整改结案后新增的参保人数计入这些人数类指标">
              <Select
                mode="multiple"
                allowClear
                placeholder="不计入"
                options={indicators.filter((i) => i.kind === 'count').map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))}
              />
            </Form.Item>
          )}
          {indicators && (
            <Form.Item
              name={n('rosterIndicatorIds')}
              label="参保库核销计入的指标"
              extra="名册对象出现在参保库中、核销为已参保时，按所在单位计入这些人数类指标（每个对象只计一次）"
            >
              <Select
                mode="multiple"
                allowClear
                placeholder="不计入"
                options={indicators.filter((i) => i.kind === 'count').map((i) => ({ value: i.id, label: `${i.code} ${i.name}` }))}
              />
            </Form.Item>
          )}
        </>
      );
    case 'registry':
      return (
        <Form.Item name={n('referenceDate')} label="年龄基准日" extra="不填则按任务开始日期计算年龄" {...dateItem}>
          <DatePicker allowClear style={{ width: '100%', maxWidth: 240 }} />
        </Form.Item>
      );
    case 'inspection':
      return (
        <Row gutter={16}>
          <Col {...third}>
            <Form.Item name={n('rectificationDays')} {...days('限期改正', '检查人员默认给予的改正期限')}>
              <InputNumber min={1} max={365} precision={0} addonAfter="天" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={n('rectificationReminderDays')} {...days('改正到期提醒', '改正期限前几天提醒检查人员')}>
              <InputNumber min={1} max={365} precision={0} addonAfter="天" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={n('caseDueDays')} {...days('办结期限', '从派发到办结的天数，下达限期改正后以改正期限为准')}>
              <InputNumber min={1} max={365} precision={0} addonAfter="天" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={n('dayUnit')} label="改正期限计算" extra="自然日（默认）或按法定工作日计算（跳过节假日，含调休上班日）">
              <Select
                options={[
                  { value: 'natural', label: '自然日' },
                  { value: 'working', label: '工作日' },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
      );
    case 'notices':
      return (
        <Row gutter={16}>
          <Col {...third}>
            <Form.Item
              name={n('reminderTime')}
              label="提醒发送时间"
              rules={[{ required: true, message: '请填写提醒时间' }, HH_MM]}
              extra="北京时间，每天在此时发送到期提醒"
            >
              <Input placeholder="09:00" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item
              name={n('quietFrom')}
              label="免打扰开始"
              rules={[{ required: true, message: '请填写免打扰开始时间' }, HH_MM]}
              extra="此时起不向群众发送提醒，顺延到结束时"
            >
              <Input placeholder="21:00" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item
              name={n('quietUntil')}
              label="免打扰结束"
              rules={[{ required: true, message: '请填写免打扰结束时间' }, HH_MM]}
              extra="与开始相同表示不设免打扰"
            >
              <Input placeholder="08:00" />
            </Form.Item>
          </Col>
          <Col {...third}>
            <Form.Item name={n('quietForWebhooks')} label="政务推送也免打扰" valuePropName="checked" extra="关闭后 Webhook 推送不受免打扰时段限制">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      );
  }
}
