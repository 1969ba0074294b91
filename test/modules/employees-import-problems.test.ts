/**
 * Every problem an employee import can report has a sentence in both languages of the web app,
 * so the import dialog never shows the server's English message to a Chinese reader.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DepartmentTree } from '../../src/modules/departments/department-tree.js';
import { planImport, type ImportContext } from '../../src/modules/employees/employee-import.plan.js';
import { readTabularFile } from '../../src/modules/employees/tabular-file.js';

const locale = (lang: string) => JSON.parse(readFileSync(new URL(`../../web/src/locales/${lang}.json`, import.meta.url), 'utf8'));

const dept = (id: number, parent_id: number | null, name: string) => ({ id, parent_id, name, code: null, active: 1 });
const ctx: ImportContext = {
  existing: new Map(),
  jobById: new Map(),
  tree: new DepartmentTree([dept(1, null, '研发中心'), dept(2, 1, '测试组'), dept(3, null, '市场部'), dept(4, 3, '测试组')]),
  sites: new Map(),
};

const plan = async (csv: string) => planImport(await readTabularFile('x.csv', Buffer.from(csv), { maxRows: 100 }), ctx).problems.map((p) => p.code);

describe('employee import problems', () => {
  it('each code the import reports has a sentence in zh-CN and en', async () => {
    const codes = new Set([
      ...(await plan('工号,工号,爱好\nA1,A1,x\n')),
      ...(await plan('姓名\n某人\n')),
      ...(await plan(
        [
          '工号,姓名,邮箱,手机,部门,直属上级工号,站点,入职日期,离职日期,时区,状态',
          'B1,甲,bad,123,不存在,NOPE,火星,2024-02-30,,Mars/Base,休假',
          'B2,乙,,,测试组,B2,,2024-05-01,2024-04-01,,',
          'B2,丙,,,/,,,,,,',
          ',,,,,,,,,,',
          'B3,丁,,,,B4,,,,,',
          'B4,戊,,,,B3,,,,,',
        ].join('\n'),
      )),
    ]);
    expect([...codes].sort()).toEqual(
      [
        'AMBIGUOUS_DEPARTMENT', 'DUPLICATE_COLUMN', 'DUPLICATE_JOB_NUMBER', 'INVALID_DATE', 'INVALID_DEPARTMENT', 'INVALID_EMAIL', 'INVALID_MOBILE',
        'INVALID_STATUS', 'INVALID_TIME_ZONE', 'LEAVE_BEFORE_HIRE', 'MANAGER_CYCLE', 'MISSING_COLUMN', 'REQUIRED', 'UNKNOWN_COLUMN',
        'UNKNOWN_DEPARTMENT', 'UNKNOWN_MANAGER', 'UNKNOWN_SITE',
      ].sort(),
    );
    for (const lang of ['zh-CN', 'en']) {
      const texts = locale(lang);
      for (const code of codes) expect(texts.problems[code], `${lang} problems.${code}`).toEqual(expect.any(String));
      for (const code of ['UNKNOWN_DEPARTMENT', 'AMBIGUOUS_DEPARTMENT', 'INVALID_DEPARTMENT']) {
        expect(texts.employees.importProblem[code], `${lang} employees.importProblem.${code}`).toContain('{{value}}');
      }
    }
  });
});
