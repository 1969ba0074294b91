import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { apiClient, unwrap } from '../api/typed';
import { applyFieldErrors, errorText, fieldProblems, problemText } from '../api/errors';

interface ChangePasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export const MIN_PASSWORD = 8;

/**
 * The user's own password change. `forced` is for accounts the server marks with
 * `mustChangePassword` (e.g. a password an administrator set): it cannot be dismissed.
 */
export function ChangePasswordModal({ open, forced, onDone, onCancel }: { open: boolean; forced: boolean; onDone(): void; onCancel(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ChangePasswordForm>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    let v: ChangePasswordForm;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await unwrap(apiClient.POST('/api/v1/auth/password', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } }));
      message.success(t('password.changed'));
      form.resetFields();
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'INVALID_CREDENTIALS') {
        form.setFields([{ name: 'currentPassword', errors: [t('password.currentWrong')] }]);
      } else if (fieldProblems(err).length) {
        const rest = applyFieldErrors(form, err, t);
        if (rest.length) setError(rest.map((p) => `${p.path}: ${problemText(t, p)}`).join('; '));
      } else {
        setError(errorText(t, err));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('password.title')}
      okText={t('common.save')}
      onOk={() => void submit()}
      okButtonProps={{ loading: saving }}
      onCancel={forced ? undefined : onCancel}
      closable={!forced}
      mask={{ closable: !forced }}
      keyboard={!forced}
      cancelButtonProps={{ style: forced ? { display: 'none' } : undefined }}
      destroyOnHidden
    >
      {forced && <Alert type="warning" showIcon title={t('password.mustChange')} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<ChangePasswordForm> form={form} layout="vertical" preserve={false}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          rules={[{ required: true }, { min: MIN_PASSWORD, message: t('users.passwordTooShort', { min: MIN_PASSWORD }) }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('users.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('users.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
