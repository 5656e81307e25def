import { App, Button, Drawer, Input, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { OUTCOME_NEEDS, OUTCOMES_BY_KIND, type Kind, type Method, type Outcome } from './field-labels';
import type { ApiError } from '../../api/errors';
import { saveVisit } from './visit-outbox';
import { useRegistryLabels } from '../registry/registry-hooks';

const LAST_METHOD = 'yingbao.lastVisitMethod';

/**
 * Recording a visit in three taps: 登记走访 (opens this), the outcome, 保存. The method starts at the one used last;
 * an outcome that needs a proof reference or a reason asks for it before 保存 is enabled. Without a signal the
 * visit is kept on the phone (待发送) and sent when the signal returns.
 */
export function VisitSheet({
  kind,
  entryId,
  entryName,
  open,
  onClose,
}: {
  kind: Kind;
  entryId: string;
  entryName: string;
  open: boolean;
  onClose: () => void;
}) {
  const labels = useRegistryLabels();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome>();
  const [method, setMethod] = useState<Method>(() => (localStorage.getItem(LAST_METHOD) as Method | null) ?? 'door_to_door');
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError>();
  const need = outcome ? OUTCOME_NEEDS[outcome] : undefined;
  const ready = !!outcome && (!need || text.trim() !== '');
  // the API's word on a field is shown by its input; the rest (and a field this sheet has no input for) below
  const textError = need ? error?.fieldMessage(need.field) : undefined;
  const noteError = error?.fieldMessage('note');
  const otherError = error && !textError && !noteError ? error.message : undefined;

  const reset = () => {
    setOutcome(undefined);
    setText('');
    setNote('');
    setError(undefined);
  };
  const save = async () => {
    if (!outcome) return;
    setSaving(true);
    setError(undefined);
    localStorage.setItem(LAST_METHOD, method);
    const result = await saveVisit(
      {
        kind,
        entryId,
        visitedAt: new Date().toISOString(),
        method,
        outcome,
        ...(need ? { [need.field]: text.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      },
      entryName,
    );
    setSaving(false);
    if (result.kind === 'refused') return setError(result.error);
    if (result.kind === 'sent') {
      message.success('走访已保存');
      void qc.invalidateQueries({ queryKey: [kind === 'person' ? 'registry-people' : 'registry-employers'] });
    } else message.info('暂无网络，走访已保存在手机上，有信号后自动发送');
    reset();
    onClose();
  };

  return (
    <Drawer
      open={open}
      onClose={() => (reset(), onClose())}
      placement="bottom"
      height="auto"
      title={`登记走访：${entryName}`}
      styles={{ body: { paddingTop: 8 } }}
      data-testid="visit-sheet"
    >
      <Space direction="vertical" style={{ width: '100%' }} size={12}>
        <Segmented block options={labels.method.options} value={method} onChange={(v) => setMethod(v as Method)} />
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(3, 1fr)', gap: 8 }}>
          {OUTCOMES_BY_KIND[kind].map((o) => (
            <Button key={o} type={outcome === o ? 'primary' : 'default'} onClick={() => setOutcome(o)} style={{ height: 44, padding: '0 4px' }}>
              {labels.status.label(o)}
            </Button>
          ))}
        </div>
        {need && (
          <div>
            <Typography.Text>{need.label}（必填）</Typography.Text>
            <Input
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={need.placeholder}
              maxLength={200}
              aria-label={need.label}
              status={textError ? 'error' : undefined}
            />
            {textError && (
              <Typography.Text type="danger" data-testid="visit-field-error">
                {textError}
              </Typography.Text>
            )}
          </div>
        )}
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="备注（选填）"
          maxLength={2000}
          autoSize={{ minRows: 1, maxRows: 4 }}
          aria-label="备注"
          status={noteError ? 'error' : undefined}
        />
        {noteError && (
          <Typography.Text type="danger" data-testid="visit-field-error">
            {noteError}
          </Typography.Text>
        )}
        {otherError && (
          <Typography.Text type="danger" data-testid="visit-error">
            {otherError}
          </Typography.Text>
        )}
        <Button type="primary" block size="large" disabled={!ready} loading={saving} onClick={() => void save()}>
          保存
        </Button>
      </Space>
    </Drawer>
  );
}
