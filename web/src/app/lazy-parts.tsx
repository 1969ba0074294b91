import { lazy, Suspense, useState, type ComponentProps } from 'react';

/**
 * Parts of the shell that a page load rarely shows. They are loaded when first shown, so the
 * first paint on a phone carries neither antd's form machinery nor its large result illustrations.
 */
const LazyChangePasswordModal = lazy(() => import('../auth/ChangePasswordModal').then((m) => ({ default: m.ChangePasswordModal })));
export const StatusResult = lazy(() => import('antd/es/result'));

type ChangePasswordProps = ComponentProps<typeof LazyChangePasswordModal>;

/** The password change, fetched the first time it opens and kept mounted after so that closing animates. */
export function ChangePasswordModal(props: ChangePasswordProps) {
  const [used, setUsed] = useState(false);
  if (props.open && !used) setUsed(true);
  if (!props.open && !used) return null;
  return (
    <Suspense fallback={null}>
      <LazyChangePasswordModal {...props} />
    </Suspense>
  );
}
