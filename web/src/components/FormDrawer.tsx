import { useEffect, useState, type ReactNode } from 'react';
import { Alert, App, Button, Drawer, Form, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, conflictField, errorText, fieldProblems, problemText, setFieldError } from '../api/errors';

interface FormDrawerProps<V> {
  open: boolean;
  title: ReactNode;
  initialValues?: Partial<V>;
  onClose(): void;
  /** Sends the form; throwing an ApiError puts its validation problems next to the fields. */
  onSubmit(values: V): Promise<unknown>;
  children: ReactNode;
  size?: number;
  submitText?: ReactNode;
}

/** The create/edit drawer every setup page uses: vertical form, save/cancel, server errors shown in place. */
export function FormDrawer<V extends object>({
  open,
  title,
  initialValues,
  onClose,
  onSubmit,
  children,
  size = 560,
  submitText,
}: FormDrawerProps<V>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<V>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Each opening starts a fresh form from `initialValues`, even when the drawer is reopened
  // before its closing animation has unmounted the previous one.
  const [generation, setGeneration] = useState(0);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setGeneration((g) => g + 1);
  }
  // The form store outlives a remount and its old values win over new initial values,
  // so each opening resets it to the current `initialValues`.
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, generation, form]);

  const close = () => {
    setError(null);
    onClose();
  };

  const submit = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    setSaving(true);
    setError(null);
    try {
      await onSubmit(values);
      message.success(t('common.saved'));
      close();
    } catch (err) {
      // Field problems go next to their fields; anything else is said above the form.
      const problems = fieldProblems(err);
      const leftover = applyFieldErrors(form, err, t);
      const field = conflictField(err);
      if (problems.length) {
        if (leftover.length) setError(leftover.map((p) => `${p.path}: ${problemText(t, p)}`).join('; '));
      } else if (!field || !setFieldError(form, field, errorText(t, err))) {
        setError(errorText(t, err));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      title={title}
      size={size}
      destroyOnHidden
      onClose={close}
      extra={
        <Space>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void submit()}>
            {submitText ?? t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<V> key={generation} form={form} layout="vertical" initialValues={initialValues} preserve={false}>
        {children}
      </Form>
    </Drawer>
  );
}
