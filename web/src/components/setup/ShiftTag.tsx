import { Tag, Tooltip } from 'antd';
import type { ShiftType } from './data';

/** A shift type as a small coloured tag with its times in the tooltip. */
export function ShiftTag({ shift, short }: { shift: Pick<ShiftType, 'code' | 'name' | 'color'> & Partial<ShiftType>; short?: boolean }) {
  const label = short ? shift.code : shift.name;
  const times = shift.start && shift.end ? `${shift.start}–${shift.end}` : '';
  return (
    <Tooltip title={[shift.name, times].filter(Boolean).join(' ')}>
      <Tag color={shift.color ?? 'blue'} style={{ marginInlineEnd: 0 }}>
        {label}
      </Tag>
    </Tooltip>
  );
}

/** Text colour that stays readable on a shift colour. */
export function readableOn(hex: string | null | undefined): string {
  if (!hex || !/^#[0-9a-f]{6}$/i.test(hex)) return 'rgba(0,0,0,0.88)';
  const n = parseInt(hex.slice(1), 16);
  const r = (n >> 16) & 255;
  const g = (n >> 8) & 255;
  const b = n & 255;
  return r * 0.299 + g * 0.587 + b * 0.114 > 160 ? 'rgba(0,0,0,0.88)' : '#fff';
}
