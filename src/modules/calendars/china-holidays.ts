/**
 * China's statutory holidays and 调休 make-up workdays from the `chinese-days` package, as calendar
 * days. Pure apart from reading the package's bundled data.
 *
 * chinese-days lists every day off of a holiday block under `holidays` ("National Day,国庆节,3": the
 * third field is the number of statutory days that year) and marks only the days swapped against a
 * make-up workday as `inLieuDays`; days off that compensate a statutory day falling on a weekend
 * (e.g. Monday 2026-10-05) are not marked. So the statutory days are found from the law instead
 * (全国年节及纪念日放假办法): the block's n days starting at the festival's legal first day —
 * 元旦 1 Jan; 春节 除夕 in 2008–2013 and from 2025, else 正月初一; 清明 the solar term; 劳动节 1 May;
 * 端午 五月初五; 中秋 八月十五; 国庆节 1 Oct; the 2015 V-day 3 Sep. Those are `statutory_holiday`
 * (3× pay); every other day of the block is a `rest_day` (RULES.md R10). If the legal first day is not
 * inside the block (an unknown festival), the first n days of the block are taken.
 */
import { createRequire } from 'node:module';
import { addDays } from '../../shared/dates.js';

const require = createRequire(import.meta.url);

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
}
interface ChineseDaysLib {
  getSolarDateFromLunar(lunar: string): { date: string };
  getSolarTermDate(year: number, month: number, term: string): string;
}

const data = require('chinese-days/dist/chinese-days.json') as ChineseDaysData;
const lib = require('chinese-days') as ChineseDaysLib;

export type ImportedDayType = 'statutory_holiday' | 'rest_day' | 'makeup_workday';
export interface ImportedDay {
  date: string;
  dayType: ImportedDayType;
  name: string;
}


/** The legal first statutory day of a festival in a year, or null when unknown. */
export function statutoryStart(festival: string, year: number): string | null {
  switch (festival) {
    case "New Year's Day":
      return `${year}-01-01`;
    case 'Spring Festival': {
      const firstDay = lib.getSolarDateFromLunar(`${year}-01-01`).date;
      const withEve = year >= 2025 || (year >= 2008 && year <= 2013);
      return withEve ? addDays(firstDay, -1) : firstDay;
    }
    case 'Tomb-sweeping Day':
      return lib.getSolarTermDate(year, 4, 'pure_brightness');
    case 'Labour Day':
      return `${year}-05-01`;
    case 'Dragon Boat Festival':
      return lib.getSolarDateFromLunar(`${year}-05-05`).date;
    case 'Mid-autumn Festival':
      return lib.getSolarDateFromLunar(`${year}-08-15`).date;
    case 'National Day':
      return `${year}-10-01`;
    default:
      return festival.startsWith('Anti-Fascist') ? `${year}-09-03` : null;
  }
}

/** Years the package has data for. */
export function chinaYears(): number[] {
  const years = new Set<number>();
  for (const d of [...Object.keys(data.holidays), ...Object.keys(data.workdays)]) years.add(Number(d.slice(0, 4)));
  return [...years].sort((a, b) => a - b);
}

/** Every holiday-block day and make-up workday, optionally only of some years, sorted by date. */
export function chinaCalendarDays(years?: number[]): ImportedDay[] {
  const wanted = years ? new Set(years) : null;
  // Group the days off by festival and festival year (a New Year block may start in late December).
  const blocks = new Map<string, { festival: string; cn: string; year: number; days: number; dates: string[] }>();
  for (const [date, value] of Object.entries(data.holidays)) {
    const [festival, cn, n] = value.split(',');
    const year = Number(date.slice(0, 4)) + (festival === "New Year's Day" && date.slice(5, 7) === '12' ? 1 : 0);
    const key = `${festival}|${year}`;
    const b = blocks.get(key) ?? { festival, cn, year, days: Number(n) || 1, dates: [] };
    b.dates.push(date);
    blocks.set(key, b);
  }
  const out: ImportedDay[] = [];
  for (const b of blocks.values()) {
    b.dates.sort();
    const start = statutoryStart(b.festival, b.year);
    let statutory = new Set<string>();
    if (start && b.dates.includes(start)) for (let i = 0; i < b.days; i++) statutory.add(addDays(start, i));
    else statutory = new Set(b.dates.slice(0, b.days));
    for (const date of b.dates) {
      const isStatutory = statutory.has(date);
      out.push({ date, dayType: isStatutory ? 'statutory_holiday' : 'rest_day', name: isStatutory ? b.cn : `${b.cn}假期` });
    }
  }
  for (const [date, value] of Object.entries(data.workdays)) out.push({ date, dayType: 'makeup_workday', name: `${value.split(',')[1]}调休上班` });
  return out.filter((d) => !wanted || wanted.has(Number(d.date.slice(0, 4)))).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

