/** The web renders every reason code exactly as the server's catalogue does, in zh-CN and en. */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { REASONS } from '../../../../src/shared/reasons/catalogue';
import { renderReason } from '../../../../src/shared/reasons/render';
import en from '../../locales/en.json';
import zhCN from '../../locales/zh-CN.json';
import { reasonText } from './reasons';

const SAMPLE: Record<string, string | number | null> = { status: 'absent', dayType: 'makeup_workday', half: 'pm', category: 'holiday', cap: null };

describe('reasonText', () => {
  for (const lng of ['zh-CN', 'en'] as const) {
    it(`renders every catalogue code like the server in ${lng}`, async () => {
      const i18n = i18next.createInstance();
      await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng, fallbackLng: 'zh-CN', interpolation: { escapeValue: false } });
      for (const [code, entry] of Object.entries(REASONS)) {
        const names = [...entry.en.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
        for (const count of [1, 3]) {
          const params = Object.fromEntries(names.map((n, i) => [n, n === 'count' ? count : n in SAMPLE ? SAMPLE[n] : `${10 + i}`]));
          expect(reasonText(i18n.t, { code, params }), `${lng} ${code} count ${count}`).toBe(renderReason({ code, params }, lng));
        }
      }
      expect(reasonText(i18n.t, { code: 'notACode', params: {} })).toBe('notACode');
    });
  }
});
