import { useState } from 'react';
import { Alert, Button, Checkbox, Modal, Result, Space, Statistic, Steps, Table, Tooltip, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { apiClient, unwrap } from '../../api/typed';
import { errorText, problemText } from '../../api/errors';
import type { Id, ImportProblem, ImportResult } from '../../api/types';
import { downloadReport } from '../../components/attendance/download';

interface EmployeeImportProps {
  open: boolean;
  companyId: Id;
  onClose(): void;
  onImported(): void;
}

interface PickedFile {
  filename: string;
  contentBase64: string;
}

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

function problemsOf(err: unknown): ImportProblem[] | null {
  if (!(err instanceof ApiError) || err.code !== 'IMPORT_INVALID') return null;
  const problems = (err.details as { problems?: ImportProblem[] } | undefined)?.problems;
  return Array.isArray(problems) ? problems : null;
}

/** A row problem in the reader's language, naming the cell's value where the sentence needs it. */
function importProblemText(t: TFunction, p: ImportProblem): string {
  const own = p.value === undefined ? '' : t(`employees.importProblem.${p.code}`, { defaultValue: '', value: p.value, candidates: (p.candidates ?? []).join('、') });
  return own || problemText(t, p);
}

/**
 * Employee import in three steps: pick a CSV/XLSX file, check it (a dry run lists every row's
 * problems), then import for real. The server rejects a file with problems as a whole.
 */
export function EmployeeImport({ open, companyId, onClose, onImported }: EmployeeImportProps) {
  const { t } = useTranslation();
  const [file, setFile] = useState<PickedFile | null>(null);
  // Off by default: a department the file names that does not exist is an error, never a guess.
  const [createDepartments, setCreateDepartments] = useState(false);
  const [check, setCheck] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [problems, setProblems] = useState<ImportProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reset = () => {
    setFile(null);
    setCreateDepartments(false);
    setCheck(null);
    setDone(null);
    setProblems([]);
    setError(null);
  };
  const close = () => {
    reset();
    onClose();
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const res = await unwrap(apiClient.POST('/api/v1/employees/import', { params: { query: { companyId, dryRun } }, body: { ...file, createDepartments } }));
      setProblems(res.problems);
      if (dryRun) setCheck(res);
      else {
        setDone(res);
        onImported();
      }
    } catch (err) {
      const rowProblems = problemsOf(err);
      if (rowProblems) setProblems(rowProblems);
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  const downloadTemplate = async () => {
    setError(null);
    try {
      await downloadReport('/employees/import-template', {}, 'employee-import-template.csv');
    } catch (err) {
      setError(errorText(t, err));
    }
  };

  const step = done ? 2 : check ? 1 : 0;
  const canImport = !!check && check.problems.length === 0 && check.valid > 0;

  const footer = done ? (
    <Button type="primary" onClick={close}>
      {t('common.close')}
    </Button>
  ) : (
    <Space>
      <Button onClick={close}>{t('common.cancel')}</Button>
      {check ? (
        <>
          <Button onClick={reset}>{t('employees.importOtherFile')}</Button>
          <Button type="primary" disabled={!canImport} loading={busy} onClick={() => void run(false)}>
            {t('employees.importConfirm', { count: check.valid })}
          </Button>
        </>
      ) : (
        <Button type="primary" disabled={!file} loading={busy} onClick={() => void run(true)}>
          {t('employees.importCheck')}
        </Button>
      )}
    </Space>
  );

  return (
    <Modal open={open} title={t('employees.import')} width={760} onCancel={close} footer={footer} destroyOnHidden>
      <Steps
        size="small"
        current={step}
        style={{ margin: '8px 0 24px' }}
        items={[{ title: t('employees.importStepFile') }, { title: t('employees.importStepCheck') }, { title: t('employees.importStepDone') }]}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {step === 0 && (
        <Upload.Dragger
          accept=".csv,.xlsx"
          maxCount={1}
          fileList={[]}
          beforeUpload={(f) => {
            setError(null);
            readAsBase64(f).then(
              (contentBase64) => setFile({ filename: f.name, contentBase64 }),
              (err: unknown) => setError(errorText(t, err)),
            );
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{file ? file.filename : t('employees.importDrop')}</p>
          <p className="ant-upload-hint">{t('employees.importHint')}</p>
          <p className="ant-upload-hint">{t('employees.importDepartmentHint')}</p>
        </Upload.Dragger>
      )}
      {step === 0 && (
        <Space orientation="vertical" style={{ marginTop: 12 }}>
          <Checkbox checked={createDepartments} onChange={(e) => setCreateDepartments(e.target.checked)}>
            {t('employees.importCreateDepartments')}
          </Checkbox>
          <Button type="link" icon={<DownloadOutlined />} style={{ padding: 0 }} onClick={() => void downloadTemplate()}>
            {t('employees.importTemplate')}
          </Button>
        </Space>
      )}
      {step === 1 && check && (
        <Space size={48} style={{ marginBottom: 16 }}>
          <Statistic title={t('employees.importTotal')} value={check.total} />
          <Statistic title={t('employees.importValid')} value={check.valid} />
          <Statistic
            title={t('employees.importProblems')}
            value={check.problems.length}
            styles={{ content: { color: check.problems.length ? '#cf1322' : undefined } }}
          />
        </Space>
      )}
      {step === 1 && check && check.problems.length === 0 && check.departmentsToCreate.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('employees.importDepartmentsToCreate', { count: check.departmentsToCreate.length, paths: check.departmentsToCreate.join('、') })}
        />
      )}
      {step === 1 && check && check.problems.length === 0 && (
        <Alert type="success" showIcon title={t('employees.importClean', { count: check.valid })} />
      )}
      {step === 1 && check && check.problems.length > 0 && (
        <Typography.Paragraph type="secondary">{t('employees.importFixHint')}</Typography.Paragraph>
      )}
      {step === 2 && done && (
        <Result
          status="success"
          title={t('employees.importDone')}
          subTitle={t('employees.importDoneDetail', { created: done.created, updated: done.updated })}
        />
      )}
      {problems.length > 0 && (
        <Table<ImportProblem>
          size="small"
          rowKey={(p) => `${p.line}:${p.column ?? ''}:${p.code}:${p.message}`}
          dataSource={problems}
          pagination={problems.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          columns={[
            { title: t('employees.importLine'), dataIndex: 'line', width: 80 },
            { title: t('employees.importColumn'), dataIndex: 'column', width: 140 },
            {
              title: t('employees.importMessage'),
              dataIndex: 'message',
              render: (_: string, p) => <Tooltip title={p.message}>{importProblemText(t, p)}</Tooltip>,
            },
          ]}
        />
      )}
    </Modal>
  );
}
