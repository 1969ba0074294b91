import { describe, expect, it } from 'vitest';
import { todayIn } from './today';

describe('todayIn', () => {
  it("is the zone's date on both sides of its midnight", () => {
    expect(todayIn('Asia/Shanghai', Date.parse('2026-12-05T15:59:59Z'))).toBe('2026-12-05');
    expect(todayIn('Asia/Shanghai', Date.parse('2026-12-05T16:00:00Z'))).toBe('2026-12-06');
    expect(todayIn('America/Los_Angeles', Date.parse('2026-12-06T07:59:59Z'))).toBe('2026-12-05');
    expect(todayIn('Pacific/Kiritimati', Date.parse('2026-12-05T10:00:00Z'))).toBe('2026-12-06');
  });

  it("falls back to the browser's date for a zone nobody knows", () => {
    const at = Date.parse('2026-12-06T02:00:00Z');
    const d = new Date(at);
    const local = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    expect(todayIn('Mars/Olympus', at)).toBe(local);
  });
});
