import { useEffect, useState } from 'react';

/** Below antd's md breakpoint. Read synchronously so a phone never renders the desktop shell first. */
const QUERY = '(max-width: 767.98px)';

export function usePhone(): boolean {
  const [phone, setPhone] = useState(() => typeof window !== 'undefined' && window.matchMedia(QUERY).matches);
  useEffect(() => {
    const mq = window.matchMedia(QUERY);
    const onChange = () => setPhone(mq.matches);
    mq.addEventListener('change', onChange);
    onChange();
    return () => mq.removeEventListener('change', onChange);
  }, []);
  return phone;
}
