import { Form, Input, InputNumber, Select } from 'antd';
import { DatePicker } from '../../components/date-picker';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useMe } from '../../auth/auth-hooks';
import { ModalForm, useModalForm } from '../../components/modal-form';
import { useLandChanges, useUnitSearch, type LandProject } from './land-hooks';

type Values = {
  unitId: number;
  name: string;
  year: number;
  agreementOn: Dayjs;
  areaMu: number;
  fundDue: number;
  fundArrived?: number;
  verifyWithinDays?: number;
};

const money = (v: number | undefined) => (v === undefined || v === null ? undefined : v.toFixed(2));

/** A new land project at a unit in my scope; the API's field errors beside their fields. */
export function LandProjectForm({ onClose, onCreated }: { onClose: () => void; onCreated: (p: LandProject) => void }) {
  const me = useMe().data!;
  const state = useModalForm<Values>();
  const [q, setQ] = useState('');
  const units = useUnitSearch(q);
  const { create } = useLandChanges();
  const submit = (v: Values) =>
    create.mutate(
      {
        unitId: v.unitId,
        name: v.name,
        year: v.year,
        agreementOn: v.agreementOn.format('YYYY-MM-DD'),
        areaMu: money(v.areaMu)!,
        fundDue: money(v.fundDue)!,
        fundArrived: money(v.fundArrived),
        verifyWithinDays: v.verifyWithinDays ?? undefined,
      },
      state.outcome(
        (p: LandProject) => `已新建征地项目，核实完成时限 ${p.verificationDueOn}`,
        (p) => {
          onClose();
          onCreated(p);
        },
      ),
    );
  return (
    <ModalForm<Values>
      state={state}
      title="新建征地项目"
      onClose={onClose}
      pending={create.isPending}
      okText="新建"
      initialValues={{ unitId: me.orgUnitId, year: new Date().getFullYear(), verifyWithinDays: 30 }}
      onFinish={submit}
    >
      <Form.Item name="unitId" label="实施单位" rules={[{ required: true, message: '请选择实施单位' }]}>
        <Select
          showSearch
          filterOption={false}
          onSearch={setQ}
          loading={units.isFetching}
          options={[
            ...(units.data?.items.some((u) => u.id === me.orgUnitId) ? [] : [{ value: me.orgUnitId, label: '本单位' }]),
            ...(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name })),
          ]}
        />
      </Form.Item>
      <Form.Item name="name" label="项目名称" rules={[{ required: true, message: '请填写项目名称' }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
        <InputNumber min={1980} max={2100} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="agreementOn" label="征地补偿安置协议签订日期" rules={[{ required: true, message: '请选择协议签订日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="verifyWithinDays" label="信息核实时限（协议签订后自然日）" extra="协议签订日加上这些天为核实完成时限，到期前提醒，逾期通知">
        <InputNumber min={1} max={3650} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="areaMu" label="征地面积（亩）" rules={[{ required: true, message: '请填写征地面积' }]}>
        <InputNumber min={0} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="fundDue" label="应到位养老保险补贴资金（元）" rules={[{ required: true, message: '请填写应到位资金' }]}>
        <InputNumber min={0} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="fundArrived" label="已到位资金（元）">
        <InputNumber min={0} precision={2} style={{ width: '100%' }} />
      </Form.Item>
    </ModalForm>
  );
}
