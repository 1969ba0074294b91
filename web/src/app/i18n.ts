import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import type { Locale } from 'antd/es/locale';
import antdZhCN from 'antd/locale/zh_CN';
import 'dayjs/locale/zh-cn';
// zh-CN is the default and the fallback, so it ships with the app; English loads when chosen.
import zhCN from '../locales/zh-CN.json';

export type Language = 'zh-CN' | 'en';
export const LANGUAGES: Language[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'daka.lang';
/** The same choice as a cookie, so the server draws the first screen in it (src/http/employee-home.ts). */
const COOKIE = 'daka_lang';

function rememberForServer(lang: Language): void {
  try {
    document.cookie = `${COOKIE}=${lang}; path=/; max-age=31536000; samesite=lax`;
  } catch {
    // no document (tests) or cookies refused: the server draws in the account's language
  }
}

/** The language the user picked on this browser, if any (it wins over the account's locale). */
export function storedLanguage(): Language | null {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' || v === 'zh-CN' ? v : null;
  } catch {
    return null;
  }
}

export function toLanguage(locale: string | null | undefined): Language | null {
  if (!locale) return null;
  if (locale.toLowerCase().startsWith('zh')) return 'zh-CN';
  if (locale.toLowerCase().startsWith('en')) return 'en';
  return null;
}

function applyDayjs(lang: Language): void {
  dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
}

/** Adds a language's texts (and antd's) before it is switched to; zh-CN is always there. */
async function loadLanguage(lang: Language): Promise<void> {
  if (lang === 'en' && !i18n.hasResourceBundle('en', 'translation')) {
    const [texts, antd] = await Promise.all([import('../locales/en.json'), import('antd/locale/en_US')]);
    antdLocales.en = antd.default;
    i18n.addResourceBundle('en', 'translation', texts.default, true, true);
  }
}

/** antd's own texts per language, for the ConfigProvider; English arrives with the English texts. */
export const antdLocales: Partial<Record<Language, Locale>> = { 'zh-CN': antdZhCN };

const initial: Language = storedLanguage() ?? 'zh-CN';
// A choice made before the cookie existed reaches the server from the next page load on.
if (storedLanguage()) rememberForServer(initial);
applyDayjs(initial);

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Settles once the language the page starts in has its texts (at once for zh-CN). */
export const languageReady: Promise<void> = initial === 'zh-CN' ? Promise.resolve() : setLanguage(initial, false).catch(() => undefined);

export async function setLanguage(lang: Language, remember = true): Promise<void> {
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, lang);
      rememberForServer(lang);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }
  await loadLanguage(lang);
  applyDayjs(lang);
  await i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export default i18n;
