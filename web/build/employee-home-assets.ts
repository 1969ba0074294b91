import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Plugin } from 'vite';
import type * as IconSet from '@ant-design/icons-svg';
import type * as IconHelpers from '@ant-design/icons-svg/lib/helpers.js';
import { MONTH_FIGURES } from '../../src/shared/my-month.js';
import { DAY_STATUSES } from '../../src/shared/enums.js';

/** The texts the server's drawing of 我的考勤 uses, by translation key. */
const KEYS = [
  'app.logo',
  'menu.myMonth',
  'menu.clock',
  'menu.myRequestsShort',
  'menu.me',
  'layout.tabs',
  'attendance.myMonth.hint',
  'attendance.myMonth.prevMonth',
  'attendance.myMonth.nextMonth',
  'attendance.inProgress',
  'attendance.inProgressShort',
  'attendance.plannedLeave',
  ...MONTH_FIGURES.map((k) => `attendance.myMonth.${k}`),
  ...DAY_STATUSES.map((s) => `attendance.status.${s}`),
];

// dayjs's locale files and the icon set are CommonJS, which the config's ESM loader cannot import by name.
const require = createRequire(import.meta.url);
const zhCn = require('dayjs/locale/zh-cn') as { weekStart?: number; weekdaysMin?: string[] };

/** What the calendar's week looks like in each language (dayjs's locales, as MonthCalendar reads them). */
const WEEKS = {
  'zh-CN': { weekStart: zhCn.weekStart ?? 0, weekdaysMin: zhCn.weekdaysMin ?? [] },
  // dayjs's English has neither: MonthCalendar's defaults.
  en: { weekStart: 0, weekdaysMin: ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'] },
};

const { AimOutlined, CalendarOutlined, FormOutlined, LeftOutlined, RightOutlined, UserOutlined } = require('@ant-design/icons-svg') as typeof IconSet;
const { renderIconDefinitionToSVGElement } = require('@ant-design/icons-svg/lib/helpers.js') as typeof IconHelpers;

const ICONS = { calendar: CalendarOutlined, aim: AimOutlined, form: FormOutlined, user: UserOutlined, left: LeftOutlined, right: RightOutlined };

function pick(texts: Record<string, unknown>, file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of KEYS) {
    const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], texts);
    if (typeof value !== 'string') throw new Error(`employee-home-assets: ${file} has no text ${key}`);
    out[key] = value;
  }
  return out;
}

/**
 * Writes `.vite/employee-home.json`: the texts (both languages), week layout and icons the server
 * needs to draw the employee's home into index.html (src/http/employee-home.ts) exactly as the app
 * draws it, taken from the app's own locale files and icon set at build time.
 */
export function employeeHomeAssets(localeDir: string): Plugin {
  return {
    name: 'daka:employee-home-assets',
    apply: 'build',
    generateBundle() {
      const texts = Object.fromEntries(
        (['zh-CN', 'en'] as const).map((lang) => {
          const file = `${localeDir}/${lang}.json`;
          return [lang, pick(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>, file)];
        }),
      );
      const icons = Object.fromEntries(
        Object.entries(ICONS).map(([name, icon]) => [name, renderIconDefinitionToSVGElement(icon, { extraSVGAttrs: { width: '1em', height: '1em', fill: 'currentColor', 'aria-hidden': 'true', focusable: 'false' } })]),
      );
      this.emitFile({ type: 'asset', fileName: '.vite/employee-home.json', source: JSON.stringify({ texts, weeks: WEEKS, icons }) });
    },
  };
}
