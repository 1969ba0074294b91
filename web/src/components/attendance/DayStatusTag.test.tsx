// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { setLanguage } from '../../app/i18n';
import { DayFlags } from './DayStatusTag';
import { LATE_LEVELS, type DayFigures, type LateLevel } from './types';

const day = (lateLevel: LateLevel, late = true): Pick<DayFigures, 'status' | 'late' | 'lateMinutes' | 'lateLevel' | 'early' | 'earlyMinutes' | 'missingIn' | 'missingOut'> => ({
  status: 'present', late, lateMinutes: 40, lateLevel, early: false, earlyMinutes: 0, missingIn: false, missingOut: true,
});

describe('day flags', () => {
  afterEach(cleanup);

  it('names each late level the server can send', () => {
    const said: Record<LateLevel, string> = { none: '迟到 40 分钟', late: '迟到 40 分钟', serious: '严重迟到 40 分钟', absenteeism: '旷工迟到 40 分钟' };
    for (const level of LATE_LEVELS) {
      render(<DayFlags day={day(level)} />);
      expect(screen.getByText(said[level])).toBeTruthy();
      cleanup();
    }
  });

  it('shows no late tag on a day that was not late, and the other flags', () => {
    render(<DayFlags day={day('none', false)} />);
    expect(screen.getByText('正常')).toBeTruthy();
    expect(screen.queryByText(/迟到/)).toBeNull();
    expect(screen.getByText('下班缺卡')).toBeTruthy();
  });

  it('tags a late day 迟到 instead of 正常 plus a note, and marks a day with an approved 补卡', () => {
    render(<DayFlags day={{ ...day('late'), missingOut: false, correctionsUsed: 1 }} />);
    expect(screen.queryByText('正常')).toBeNull();
    expect(screen.getByText('迟到 40 分钟')).toBeTruthy();
    expect(screen.getByText('含补卡')).toBeTruthy();
    cleanup();
    render(<DayFlags day={{ ...day('none', false), missingOut: false }} />);
    expect(screen.getByText('正常')).toBeTruthy();
    expect(screen.queryByText('含补卡')).toBeNull();
  });

  it('names the missing side of a 缺卡 day once, and a 旷工 day without its two missing punches', () => {
    render(<DayFlags day={{ ...day('none', false), status: 'missing_punch' }} />);
    expect(screen.getByText('下班缺卡')).toBeTruthy();
    expect(screen.queryByText('缺卡')).toBeNull();
    cleanup();
    render(<DayFlags day={{ ...day('none', false), status: 'absent', missingIn: true, missingOut: true }} />);
    expect(screen.getByText('旷工')).toBeTruthy();
    expect(screen.queryByText(/缺卡/)).toBeNull();
  });

  it('shows a day in progress as 进行中 · 待打卡, without 缺卡 or 旷工, and keeps a late tag', async () => {
    render(<DayFlags day={{ ...day('late'), status: 'missing_punch', inProgress: true }} />);
    expect(screen.getByText('进行中 · 待打卡')).toBeTruthy();
    expect(screen.queryByText('缺卡')).toBeNull();
    expect(screen.queryByText('下班缺卡')).toBeNull();
    expect(screen.getByText('迟到 40 分钟')).toBeTruthy();
    cleanup();
    render(<DayFlags day={{ ...day('none', false), status: 'absent', missingIn: true, inProgress: true }} />);
    expect(screen.queryByText('旷工')).toBeNull();
    expect(screen.getByText('进行中 · 待打卡')).toBeTruthy();
    cleanup();
    await setLanguage('en', false);
    render(<DayFlags day={{ ...day('none', false), status: 'absent', inProgress: true }} />);
    expect(screen.getByText('In progress · punch pending')).toBeTruthy();
    await setLanguage('zh-CN', false);
  });
});
