import { App, Form, type FormInstance, Modal, Spin } from 'antd';
import { type ReactNode, useState } from 'react';
import { ErrorAlert } from './error-alert';
import { showFieldErrors } from './form-errors';

/** What a ModalForm needs: its form, the banner of API errors no field took, and the handlers of a mutation. */
export interface ModalFormState<V> {
  form: FormInstance<V>;
  banner: unknown;
  clearBanner: () => void;
  /** API field errors beside their fields, anything else in the banner above them. */
  onError: (e: unknown) => void;
  /** A mutation's handlers: on success a message (of the answer) and `then`; on failure onError. */
  outcome: <R>(text: string | ((r: R) => string), then: (r: R) => void) => { onSuccess: (r: R) => void; onError: (e: unknown) => void };
}

export function useModalForm<V = Record<string, unknown>>(): ModalFormState<V> {
  const [form] = Form.useForm<V>();
  const [banner, setBanner] = useState<unknown>(null);
  const { message } = App.useApp();
  const onError = (e: unknown) => {
    const { error, unplaced } = showFieldErrors(form, e);
    setBanner(unplaced ? error : null);
  };
  return {
    form,
    banner,
    clearBanner: () => setBanner(null),
    onError,
    outcome: (text, then) => ({
      onSuccess: (r) => {
        message.success(typeof text === 'function' ? text(r) : text);
        then(r);
      },
      onError,
    }),
  };
}

/**
 * A form in a modal: OK submits the form (vertical, one column), the banner of unplaced API errors (or of a failed
 * load) above it, a spinner while what it edits loads; the banner clears when the modal closes.
 */
export function ModalForm<V>({
  state,
  title,
  open = true,
  onClose,
  okText = '保存',
  pending,
  intro,
  loading = false,
  loadError,
  initialValues,
  onFinish,
  children,
}: {
  state: ModalFormState<V>;
  title: ReactNode;
  open?: boolean;
  onClose: () => void;
  okText?: string;
  pending: boolean;
  /** A note above the banner and the fields. */
  intro?: ReactNode;
  loading?: boolean;
  loadError?: unknown;
  initialValues?: Partial<V>;
  onFinish: (values: V) => void;
  children: ReactNode;
}) {
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      okText={okText}
      confirmLoading={pending}
      onOk={() => state.form.submit()}
      destroyOnHidden
      afterOpenChange={(o) => !o && state.clearBanner()}
    >
      {intro}
      <ErrorAlert error={state.banner ?? loadError} />
      {loading ? (
        <Spin />
      ) : (
        <Form<V> form={state.form} layout="vertical" preserve={false} initialValues={initialValues} onFinish={onFinish}>
          {children}
        </Form>
      )}
    </Modal>
  );
}
