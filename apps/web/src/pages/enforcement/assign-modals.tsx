import { Alert, App, Form, Modal, Select, Table } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldErrors } from '../../components/form-errors';
import { formatCount, formatDate } from '../../lib/format';
import { useAssignCase, useAssignEvenly, useInspectors, type AssignEvenlyResult, type InspectionCase } from './case-hooks';
import { useInspectionLists } from './enforcement-hooks';

/** The department's inspectors as Select options (the API answers only those in the caller's unit). */
function useInspectorOptions(enabled: boolean) {
  const inspectors = useInspectors(enabled);
  return { ...inspectors, options: (inspectors.data?.items ?? []).filter((u) => u.active).map((u) => ({ value: u.id, label: u.displayName })) };
}

/** Assigns (or reassigns) one open case to an inspector of its department. */
export function AssignCaseModal({ target, onClose }: { target?: InspectionCase; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ inspectorId: number }>();
  const [banner, setBanner] = useState<unknown>(null);
  const inspectors = useInspectorOptions(target !== undefined);
  const assign = useAssignCase();
  const close = () => {
    form.resetFields();
    setBanner(null);
    onClose();
  };
  return (
    <Modal
      open={target !== undefined}
      title={`分派案件：${target?.employerName ?? ''}`}
      okText="分派"
      onOk={() => form.submit()}
      confirmLoading={assign.isPending}
      onCancel={close}
      destroyOnHidden
    >
      <ErrorAlert error={banner ?? inspectors.error} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ inspectorId: target?.assigneeId ?? undefined }}
        onFinish={(v) =>
          assign.mutate(
            { caseId: target!.id, inspectorId: v.inspectorId },
            {
              onSuccess: (c) => {
                message.success(`已分派给 ${c.assigneeName ?? ''}`);
                close();
              },
              onError: (e) => setBanner(showFieldErrors(form, e).unplaced ? e : null),
            },
          )
        }
      >
        <Form.Item
          name="inspectorId"
          label="检查人员"
          rules={[{ required: true, message: '请选择检查人员' }]}
          extra="检查人员会收到分派通知，案件列入其检查清单。"
        >
          <Select aria-label="检查人员" loading={inspectors.isLoading} options={inspectors.options} placeholder="选择本部门检查人员" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * Spreads the unassigned open cases of a dispatched list (or all of the department's) over its inspectors, the least
 * loaded first; then shows each inspector's open cases.
 */
export function AssignEvenlyModal({
  departmentId,
  campaignId,
  open,
  onClose,
}: {
  departmentId: number;
  campaignId?: number;
  open: boolean;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ listId?: number }>();
  const [banner, setBanner] = useState<unknown>(null);
  const [result, setResult] = useState<AssignEvenlyResult>();
  const lists = useInspectionLists({ campaignId, page: 1, pageSize: 100 });
  const dispatched = (lists.data?.items ?? []).filter((l) => l.status === 'dispatched' && l.departments.some((d) => d.id === departmentId));
  const assign = useAssignEvenly();
  const close = () => {
    form.resetFields();
    setBanner(null);
    setResult(undefined);
    onClose();
  };
  return (
    <Modal
      open={open}
      title="平均分派"
      okText={result ? '完成' : '平均分派'}
      onOk={() => (result ? close() : form.submit())}
      cancelButtonProps={{ style: result ? { display: 'none' } : undefined }}
      confirmLoading={assign.isPending}
      onCancel={close}
      destroyOnHidden
    >
      <ErrorAlert error={banner ?? lists.error} />
      {result ? (
        <>
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            message={result.assigned ? `已分派 ${formatCount(result.assigned, ' 件')}案件` : '没有待分派的案件'}
            description="各检查人员现有在办案件："
          />
          <Table
            rowKey="inspectorId"
            size="small"
            pagination={false}
            dataSource={result.loads}
            columns={[
              { title: '检查人员', dataIndex: 'name' },
              { title: '在办案件', dataIndex: 'openCases', align: 'right', render: (v: number) => formatCount(v, ' 件') },
            ]}
          />
        </>
      ) : (
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) =>
            assign.mutate(
              { departmentId, listId: v.listId },
              {
                onSuccess: (r) => {
                  message.success(`已平均分派 ${r.assigned} 件`);
                  setResult(r);
                },
                onError: (e) => setBanner(showFieldErrors(form, e).unplaced ? e : null),
              },
            )
          }
        >
          <Form.Item
            name="listId"
            label="重点检查名单"
            extra="把所选名单中尚未分派的案件，按各检查人员现有在办件数从少到多依次分派；不选则分派本部门全部未分派案件。"
          >
            <Select
              aria-label="重点检查名单"
              allowClear
              placeholder="全部未分派案件"
              loading={lists.isLoading}
              options={dispatched.map((l) => ({ value: l.id, label: `截至 ${formatDate(l.cutoffDate)} 的名单（${l.entryCount} 家）` }))}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
