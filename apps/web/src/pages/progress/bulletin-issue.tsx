import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Modal, Select, Space, Steps } from 'antd';
import { DatePicker } from '../../components/date-picker';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { showFieldErrors } from '../../components/form-errors';
import { businessToday, formatDate } from '../../lib/format';
import { CADENCE, issueLabel, tagOf } from '../../lib/office-labels';
import { useCampaignSettings } from '../campaigns/campaigns-hooks';
import { useBulletins, useRequestBulletin, type BulletinCadence, type BulletinRequested } from './bulletins-hooks';

/** How long the screen waits for the worker before it says the bulletin will come later. */
const PATIENCE_MS = 60_000;

type Phase =
  | { step: 'form' }
  | { step: 'queued'; asked: BulletinRequested; since: number }
  | { step: 'done'; id: number; date: string; cadence: BulletinCadence; issueNo: number | null; existed: boolean };

/**
 * Issues a bulletin of one of the campaign's cadences for a date (default today) — the campaign's unit's, or the
 * caller's own below it: the API queues it for the worker, the dialog shows the job until the bulletin is in the
 * list, then offers to open or download it.
 */
export function BulletinIssueModal({
  campaignId,
  open,
  onClose,
  onOpenBulletin,
  onDownload,
}: {
  campaignId: number;
  open: boolean;
  onClose: () => void;
  onOpenBulletin: (id: number) => void;
  onDownload: (id: number, date: string, kind?: 'xlsx' | 'pdf') => void;
}) {
  const [form] = Form.useForm<{ cadence?: BulletinCadence; date?: Dayjs }>();
  const settings = useCampaignSettings(campaignId);
  const cadences = settings.data?.progress.bulletinCadences ?? [];
  const [phase, setPhase] = useState<Phase>({ step: 'form' });
  const [banner, setBanner] = useState<unknown>(null);
  const request = useRequestBulletin();
  const qc = useQueryClient();
  const queued = phase.step === 'queued' ? phase : null;
  const newest = useBulletins({ campaignId, page: 1, pageSize: 100 }, queued !== null);
  const [now, setNow] = useState(Date.now());

  useEffect(() => {
    if (!queued) return;
    const { asked } = queued;
    const made = newest.data?.items.find((b) => b.unitId === asked.unitId && b.cadence === asked.cadence && b.periodEnd === asked.periodEnd);
    if (!made) return;
    setPhase({ step: 'done', id: made.id, date: made.date, cadence: made.cadence, issueNo: made.issueNo, existed: false });
    // the page's list behind the dialog was fetched before the worker made it
    void qc.invalidateQueries({ queryKey: ['bulletins'] });
  }, [queued, newest.data, qc]);
  useEffect(() => {
    if (!queued) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [queued]);

  const close = () => {
    setPhase({ step: 'form' });
    setBanner(null);
    form.resetFields();
    request.reset();
    onClose();
  };

  const submit = (v: { cadence?: BulletinCadence; date?: Dayjs }) => {
    setBanner(null);
    request.mutate(
      { campaignId, ...(v.cadence ? { cadence: v.cadence } : {}), ...(v.date ? { date: v.date.format('YYYY-MM-DD') } : {}) },
      {
        onSuccess: (r) =>
          setPhase(
            r.existingId !== null
              ? { step: 'done', id: r.existingId, date: r.date, cadence: r.cadence, issueNo: null, existed: true }
              : { step: 'queued', asked: r, since: Date.now() },
          ),
        onError: (e) => {
          const { unplaced } = showFieldErrors(form, e);
          setBanner(unplaced ? e : null);
        },
      },
    );
  };

  const current = phase.step === 'form' ? 0 : phase.step === 'queued' ? 1 : 2;
  const slow = queued !== null && now - queued.since > PATIENCE_MS;
  return (
    <Modal open={open} title="编发进度通报" onCancel={close} footer={null} destroyOnHidden>
      <Steps
        size="small"
        current={current}
        status={slow ? 'error' : undefined}
        style={{ marginBottom: 24 }}
        items={[{ title: '选择周期和日期' }, { title: '生成中', description: queued ? '后台任务正在汇总各单位进度' : undefined }, { title: '已生成' }]}
      />
      <ErrorAlert error={banner} />
      {phase.step === 'form' && (
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ cadence: cadences[0] }} key={cadences.join()}>
          <Form.Item name="cadence" label="通报周期" extra="各周期分别编号（第N期），每个周期的每一期只生成一次。">
            <Select
              loading={settings.isLoading}
              options={cadences.map((c) => ({ value: c, label: tagOf(CADENCE, c).label }))}
              placeholder="按扩面任务设置的通报周期"
            />
          </Form.Item>
          <Form.Item name="date" label="通报日期" extra="不选则为今天；通报按所选日期的累计进度排名，计入该日期所在的一期。">
            <DatePicker style={{ width: '100%' }} placeholder="今天" disabledDate={(d) => d.format('YYYY-MM-DD') > businessToday()} />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={request.isPending}>
              生成通报
            </Button>
            <Button onClick={close}>取消</Button>
          </Space>
        </Form>
      )}
      {queued && (
        <Alert
          type={slow ? 'warning' : 'info'}
          showIcon
          message={
            slow
              ? `${formatDate(queued.asked.date)} 的${tagOf(CADENCE, queued.asked.cadence).label}通报仍在生成`
              : `已提交，正在生成 ${formatDate(queued.asked.date)} 的${tagOf(CADENCE, queued.asked.cadence).label}通报…`
          }
          description={
            slow ? '后台任务较忙，可以关闭本窗口，稍后在通报列表中查看。' : `已等待 ${Math.floor((now - queued.since) / 1000)} 秒，生成后会自动显示。`
          }
          data-testid="bulletin-job"
        />
      )}
      {phase.step === 'done' && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert
            type="success"
            showIcon
            message={
              phase.existed
                ? `本期${tagOf(CADENCE, phase.cadence).label}通报已经生成过（${formatDate(phase.date)}），无需重复生成`
                : `${formatDate(phase.date)} 的${tagOf(CADENCE, phase.cadence).label}通报已生成${phase.issueNo ? `（${issueLabel(phase.issueNo)}）` : ''}`
            }
            description="被点名的单位已收到通知。"
          />
          <Space wrap>
            <Button type="primary" onClick={() => onDownload(phase.id, phase.date, 'pdf')}>
              下载 PDF
            </Button>
            <Button onClick={() => onDownload(phase.id, phase.date)}>下载 XLSX</Button>
            <Button
              onClick={() => {
                const id = phase.id;
                close();
                onOpenBulletin(id);
              }}
            >
              查看通报
            </Button>
            <Button onClick={close}>关闭</Button>
          </Space>
        </Space>
      )}
    </Modal>
  );
}
