/**
 * The employee's home (我的考勤) as plain markup for index.html: the phone layout's title bar, the
 * month's figures, the calendar with each day's status and the tab bar, drawn from the same answers
 * the page carries for the app (src/http/web-ui.ts) with the app's own texts, icons and figures
 * (src/shared/my-month.ts). A phone on a slow network sees its month on the first response instead
 * of after the app's code (hundreds of KB) has arrived and run; the app removes it once it shows the
 * page itself (web/src/app/prerender.ts). Every value is escaped: names and texts are data.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { dayBadge, monthFigures, type MonthDay } from '../shared/my-month.js';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** What the build writes for this drawing (web/build/employee-home-assets.ts). */
export interface EmployeeHomeAssets {
  texts: Record<Language, Record<string, string>>;
  weeks: Record<Language, { weekStart: number; weekdaysMin: string[] }>;
  icons: Record<'calendar' | 'aim' | 'form' | 'user' | 'left' | 'right', string>;
}

/** The build's texts and icons for the drawing, or null when the build has none (the page then comes without it). */
export function loadEmployeeHomeAssets(root: string): EmployeeHomeAssets | null {
  const file = path.join(root, '.vite', 'employee-home.json');
  if (!existsSync(file)) return null;
  try {
    const assets = JSON.parse(readFileSync(file, 'utf8')) as EmployeeHomeAssets;
    return LANGUAGES.every((l) => assets.texts?.[l] && assets.weeks?.[l]) && assets.icons ? assets : null;
  } catch {
    return null;
  }
}

/**
 * The language the app will open in: the browser's own choice (the `daka_lang` cookie the app sets
 * beside its stored choice), else the account's locale, else Chinese — the order the app follows.
 */
export function languageOf(cookieHeader: string | undefined, accountLocale: string | null | undefined): Language {
  const chosen = /(?:^|;\s*)daka_lang=([^;]*)/.exec(cookieHeader ?? '')?.[1];
  for (const candidate of [chosen, accountLocale]) {
    const lower = candidate?.toLowerCase() ?? '';
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

export interface EmployeeHome {
  lang: Language;
  /** `YYYY-MM-DD` in the company's zone. */
  today: string;
  /** The listed days of today's month. */
  days: readonly MonthDay[];
}

/** `YYYY-MM-DD` of a UTC calendar date. */
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** The month's dates as MonthCalendar lays them out: whole weeks from the locale's first weekday. */
function calendarDates(today: string, weekStart: number): { date: string; inMonth: boolean }[] {
  const [y, m] = today.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1, 1));
  const lead = (first.getUTCDay() - weekStart + 7) % 7;
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const weeks = Math.ceil((lead + daysInMonth) / 7);
  return Array.from({ length: weeks * 7 }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1, 1 - lead + i));
    return { date: isoDate(d), inMonth: d.getUTCMonth() === m - 1 };
  });
}

/** The markup of the home, to sit beside `#root` (see web/src/app/prerender.ts). */
export function renderEmployeeHome(assets: EmployeeHomeAssets, home: EmployeeHome): string {
  const texts = assets.texts[home.lang];
  const t = (key: string) => escapeHtml(texts[key] ?? key);
  const icon = (name: keyof EmployeeHomeAssets['icons']) => `<span class="daka-pre-icon">${assets.icons[name]}</span>`;
  const byDate = new Map(home.days.map((d) => [d.date, d]));

  const figures = monthFigures(home.days, home.today)
    .map((f) => `<div class="daka-pre-stat"><div class="daka-pre-stat-title">${t(`attendance.myMonth.${f.key}`)}</div><div class="daka-pre-stat-value${f.warn ? ' daka-pre-warn' : ''}">${escapeHtml(f.value)}</div></div>`)
    .join('');

  const week = assets.weeks[home.lang];
  const [y, m] = home.today.split('-').map(Number);
  const title = escapeHtml(new Intl.DateTimeFormat(home.lang, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1)));
  const weekdays = Array.from({ length: 7 }, (_, i) => `<div class="daka-calendar-weekday" role="columnheader">${escapeHtml(week.weekdaysMin[(week.weekStart + i) % 7] ?? '')}</div>`).join('');
  const cells = calendarDates(home.today, week.weekStart)
    .map(({ date, inMonth }) => {
      const day = inMonth ? byDate.get(date) : undefined;
      const badge = day ? dayBadge(day, home.today) : null;
      const content = badge
        ? `<div class="daka-pre-day"${badge.inProgress ? ` title="${t('attendance.inProgress')}"` : ''}><span class="daka-pre-day-dot" style="background:${escapeHtml(badge.color)}"></span><span class="daka-pre-day-label">${t(badge.labelKey)}</span></div>`
        : '';
      const classes = ['daka-calendar-cell', inMonth ? '' : 'daka-calendar-other', date === home.today ? 'daka-calendar-now' : ''].filter(Boolean).join(' ');
      return `<div class="${classes}" role="gridcell" aria-label="${escapeHtml(date)}"><div class="daka-calendar-date">${Number(date.slice(8))}</div><div class="daka-calendar-content">${content}</div></div>`;
    })
    .join('');

  const tabs = (
    [
      ['calendar', 'menu.myMonth', true],
      ['aim', 'menu.clock', false],
      ['form', 'menu.myRequestsShort', false],
      ['user', 'menu.me', false],
    ] as const
  )
    .map(([name, key, active]) => `<button type="button" class="daka-tab${active ? ' daka-tab-active' : ''}"${active ? ' aria-current="page"' : ''}><span class="daka-tab-icon">${icon(name)}</span><span class="daka-tab-label">${t(key)}</span></button>`)
    .join('');

  return (
    `<div id="daka-prerender" class="daka-pre" lang="${home.lang}"><div class="daka-shell daka-phone">` +
    `<header class="daka-header daka-phone-header"><div class="daka-logo">${t('app.logo')}</div><span class="daka-phone-title">${t('menu.myMonth')}</span></header>` +
    `<main class="daka-content daka-phone-content"><div><div class="daka-page-body">` +
    (figures ? `<div class="daka-pre-stats">${figures}</div>` : '') +
    `<div class="daka-pre-hint">${t('attendance.myMonth.hint')}</div>` +
    `<div class="daka-calendar daka-month-calendar"><div class="daka-calendar-header">` +
    `<button type="button" class="daka-calendar-nav" aria-label="${t('attendance.myMonth.prevMonth')}">${icon('left')}</button>` +
    `<span class="daka-calendar-title">${title}</span>` +
    `<button type="button" class="daka-calendar-nav" aria-label="${t('attendance.myMonth.nextMonth')}">${icon('right')}</button>` +
    `</div><div class="daka-calendar-grid" role="grid" aria-label="${title}">${weekdays}${cells}</div></div>` +
    `</div></div></main>` +
    `<nav class="daka-tabbar" aria-label="${t('layout.tabs')}">${tabs}</nav>` +
    `</div></div>`
  );
}
