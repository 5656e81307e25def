import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Drawer, Form, Input, InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { downloadFile } from '../../api/download-file';
import { toApiError } from '../../api/errors';
import { EmptyHint } from '../../components/empty-hint';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldErrors } from '../../components/form-errors';
import { useTableScroll } from '../../components/phone';
import { formatDate, formatYuan } from '../../lib/format';
import { arrivalPct, VerificationTag } from './land-page';
import { useLandChanges, useLandFarmers, useLandProject, type LandFarmer, type LandProject } from './land-hooks';

/** A land project (?project=): its deadline and funds, the fund split, its farmers (verify each), adding farmers, the per-person XLSX. */
export function LandProjectDrawer({ id, onClose }: { id: number | undefined; onClose: () => void }) {
  const project = useLandProject(id);
  const p = project.data;
  return (
    <Drawer open={!!id} onClose={onClose} width={880} title={p ? `征地项目：${p.name}` : '征地项目'} destroyOnHidden>
      <ErrorAlert error={project.error} />
      {p && (
        <Space direction="vertical" style={{ width: '100%' }} size="large">
          <Descriptions size="small" bordered column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label="实施单位">{p.unitName}</Descriptions.Item>
            <Descriptions.Item label="年度">{p.year}</Descriptions.Item>
            <Descriptions.Item label="协议签订日期">{formatDate(p.agreementOn)}</Descriptions.Item>
            <Descriptions.Item label="征地面积">{p.areaMu} 亩</Descriptions.Item>
            <Descriptions.Item label="核实完成时限">
              {formatDate(p.verificationDueOn)}（协议后 {p.verifyWithinDays} 个自然日）
            </Descriptions.Item>
            <Descriptions.Item label="核实情况">
              <Space>
                <VerificationTag p={p} />
                已核实 {p.farmersVerified} / {p.farmersListed} 人
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label="应到位补贴资金">{formatYuan(p.fundDue)}</Descriptions.Item>
            <Descriptions.Item label="已到位资金">
              {formatYuan(p.fundArrived)}（到位率 {arrivalPct(p)}）
            </Descriptions.Item>
            <Descriptions.Item label="个人账户分解" span={2}>
              {p.fundSplit ? `${p.fundSplit.people}人 × 每人${formatYuan(p.fundSplit.amountEach)}` : '尚未分解'}
            </Descriptions.Item>
          </Descriptions>
          <FundForms project={p} />
          <Farmers project={p} />
        </Space>
      )}
    </Drawer>
  );
}

/** The fund arrived so far, and the split into personal pension accounts (must be the fund to the fen: the 400's message beside the field). */
function FundForms({ project: p }: { project: LandProject }) {
  const { update, split } = useLandChanges();
  const { message } = App.useApp();
  const [arrivedForm] = Form.useForm<{ fundArrived: string }>();
  const [splitForm] = Form.useForm<{ people: number; amountEach: string }>();
  const [banner, setBanner] = useState<unknown>(null);
  const failed = (form: Parameters<typeof showFieldErrors>[0]) => (e: unknown) => {
    const { error, unplaced } = showFieldErrors(form, e);
    setBanner(unplaced ? error : null);
  };
  return (
    <div>
      <Typography.Title level={5}>补贴资金</Typography.Title>
      <ErrorAlert error={banner} />
      <Form
        form={arrivedForm}
        layout="inline"
        initialValues={{ fundArrived: p.fundArrived }}
        style={{ marginBottom: 12 }}
        onFinish={(v) =>
          update.mutate(
            { id: p.id, body: { fundArrived: String(v.fundArrived) } },
            { onSuccess: () => void message.success('已更新到位资金'), onError: failed(arrivedForm) },
          )
        }
      >
        <Form.Item name="fundArrived" label="已到位资金（元）" rules={[{ required: true, message: '请填写已到位资金' }]}>
          <InputNumber min="0" precision={2} stringMode style={{ width: 180 }} />
        </Form.Item>
        <Button htmlType="submit" loading={update.isPending}>
          保存
        </Button>
      </Form>
      <Form
        form={splitForm}
        layout="inline"
        initialValues={p.fundSplit ?? undefined}
        onFinish={(v) =>
          split.mutate(
            { id: p.id, body: { people: v.people, amountEach: String(v.amountEach) } },
            { onSuccess: () => void message.success('已分解到个人账户'), onError: failed(splitForm) },
          )
        }
      >
        <Form.Item name="people" label="分解人数" rules={[{ required: true, message: '请填写人数' }]}>
          <InputNumber min={1} precision={0} style={{ width: 120 }} />
        </Form.Item>
        <Form.Item name="amountEach" label="每人金额（元）" rules={[{ required: true, message: '请填写每人金额' }]}>
          <InputNumber min="0.01" precision={2} stringMode style={{ width: 160 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={split.isPending}>
          分解到个人账户
        </Button>
      </Form>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        人数 × 每人金额须与应到位补贴资金 {formatYuan(p.fundDue)} 分毫不差。
      </Typography.Text>
    </div>
  );
}

/** The farmers of a project (ID numbers masked): verify or undo each, add one, the per-person table as XLSX. */
function Farmers({ project: p }: { project: LandProject }) {
  const [page, setPage] = useState(1);
  const list = useLandFarmers(p.id, page);
  const { verify, addFarmers } = useLandChanges();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string; idNumber: string; village: string }>();
  const [banner, setBanner] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const exportXlsx = () => {
    setBusy(true);
    downloadFile(`/api/land-projects/${p.id}/farmers/xlsx`, {}, `${p.name}被征地农民.xlsx`)
      .then(
        ({ name }) => void message.success(`已导出 ${name}`),
        (e: unknown) => void message.error(toApiError(e).message),
      )
      .finally(() => setBusy(false));
  };
  const add = (v: { name: string; idNumber: string; village: string }) =>
    addFarmers.mutate(
      { id: p.id, farmers: [{ name: v.name, idNumber: v.idNumber.trim(), village: v.village, verified: false }] },
      {
        onSuccess: (r) => {
          message.success(r.added ? '已录入' : '已更新该身份证号码的人员');
          form.resetFields();
          setBanner(null);
        },
        // the API names farmers[0].idNumber: put it beside the field of the same name
        onError: (e) => {
          const error = toApiError(e);
          const own = ['name', 'idNumber', 'village'] as const;
          const fields = error.fields.map((f) => ({ ...f, field: f.field.replace(/^farmers\[0\]\./, '') }));
          const isOwn = (name: string): name is (typeof own)[number] => (own as readonly string[]).includes(name);
          form.setFields(fields.flatMap((f) => (isOwn(f.field) ? [{ name: f.field, errors: [f.message] }] : [])));
          setBanner(fields.some((f) => !isOwn(f.field)) || !fields.length ? error : null);
        },
      },
    );
  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          被征地农民
        </Typography.Title>
        <Button icon={<DownloadOutlined />} loading={busy} onClick={exportXlsx}>
          导出个人明细XLSX
        </Button>
      </Space>
      <ErrorAlert error={banner ?? list.error ?? verify.error} />
      <Form form={form} layout="inline" onFinish={add} style={{ marginBottom: 12 }}>
        <Form.Item name="name" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input placeholder="姓名" maxLength={100} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="idNumber" rules={[{ required: true, message: '请填写身份证号码' }]}>
          <Input placeholder="身份证号码" maxLength={20} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="village" rules={[{ required: true, message: '请填写村（社区）' }]}>
          <Input placeholder="村（社区）" maxLength={100} style={{ width: 120 }} />
        </Form.Item>
        <Button htmlType="submit" loading={addFarmers.isPending}>
          录入
        </Button>
      </Form>
      <Table<LandFarmer>
        rowKey="id"
        size="small"
        scroll={useTableScroll('max-content')}
        loading={list.isFetching}
        dataSource={list.data?.items}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, hideOnSinglePage: true }}
        locale={{ emptyText: <EmptyHint text="还没有录入被征地农民" next="逐人录入姓名、身份证号码和村（社区），再逐人核实" /> }}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '身份证号码', dataIndex: 'idNumber' },
          { title: '村（社区）', dataIndex: 'village' },
          {
            title: '核实',
            key: 'verified',
            render: (_, f) =>
              f.verified ? <Tag color="success">已核实 {formatDate(f.verifiedOn)}</Tag> : <Tag color={p.verificationOverdue ? 'error' : 'default'}>未核实</Tag>,
          },
          {
            title: '参保',
            key: 'insured',
            render: (_, f) => (f.verified && f.subsidyPaidOn ? `已参保（补贴 ${formatDate(f.subsidyPaidOn)} 发放）` : '未参保'),
          },
          {
            title: '操作',
            key: 'action',
            render: (_, f) => (
              <Button
                size="small"
                type="link"
                loading={verify.isPending && verify.variables?.farmerId === f.id}
                onClick={() =>
                  verify.mutate(
                    { id: p.id, farmerId: f.id, verified: !f.verified },
                    { onSuccess: () => void message.success(f.verified ? '已撤销核实' : `已核实 ${f.name}`) },
                  )
                }
              >
                {f.verified ? '撤销核实' : '核实'}
              </Button>
            ),
          },
        ]}
      />
    </div>
  );
}
