import { Component, lazy, Suspense, type ReactNode } from 'react';
import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

// Loaded when a page crashes: antd's Result carries large illustrations no working page needs.
const Result = lazy(() => import('antd/es/result'));

function Crashed({ error }: { error: Error }) {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={t('layout.pageCrashed')}
      subTitle={t('layout.pageCrashedHint')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('layout.reload')}
        </Button>
      }
    >
      <Typography.Paragraph code copyable>
        {error.message}
      </Typography.Paragraph>
    </Result>
  );
}

/** Keeps the menu and header usable when one page throws while rendering; `resetKey` (the path) clears it. */
export class PageErrorBoundary extends Component<{ resetKey: string; children: ReactNode }, { error: Error | null; key: string }> {
  state = { error: null as Error | null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: Error | null; key: string }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <Suspense fallback={null}>
        <Crashed error={this.state.error} />
      </Suspense>
    );
  }
}
