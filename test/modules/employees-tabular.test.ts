/** The pure pieces under the employee import: file reading, header names, date cells, department paths. */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DepartmentTree } from '../../src/modules/departments/department-tree.js';
import { fieldOfHeader, parseDateCell, parseStatus } from '../../src/modules/employees/employee-import.columns.js';
import { readTabularFile } from '../../src/modules/employees/tabular-file.js';

const read = (name: string, text: string | Buffer, maxRows = 100) => readTabularFile(name, typeof text === 'string' ? Buffer.from(text) : text, { maxRows });

describe('readTabularFile', () => {
  it('numbers rows by the line a person sees, across quoted line breaks, CRLF and blank lines', async () => {
    const f = await read('a.csv', 'a,b\r\n"x\r\ny",1\r\n\r\nlast,2\r\n');
    expect(f.headers).toEqual(['a', 'b']);
    expect(f.rows).toEqual([
      { line: 2, cells: ['x\ny', '1'] },
      { line: 5, cells: ['last', '2'] },
    ]);
  });

  it('decodes UTF-8 with BOM, GBK and tab-separated UTF-16 the same way', async () => {
    const text = '工号,姓名\n1,张三\n';
    const bom = await read('a.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const gbk = await read('a.csv', iconv.encode(text, 'gbk'));
    const utf16 = await read('a.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text.replace(/,/g, '\t'), 'utf16le')]));
    for (const f of [bom, gbk, utf16]) expect(f).toEqual({ headers: ['工号', '姓名'], rows: [{ line: 2, cells: ['1', '张三'] }] });
  });

  it('counts only non-empty data rows against the limit', async () => {
    await expect(read('a.csv', 'h\n1\n2\n3\n', 2)).rejects.toMatchObject({ code: 'TOO_MANY_ROWS' });
    expect((await read('a.csv', 'h\n1\n,\n2\n', 2)).rows.map((r) => r.line)).toEqual([2, 4]);
  });

  it('refuses what it cannot read', async () => {
    await expect(read('a.xls', 'whatever')).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE' });
    await expect(read('a.xlsx', 'PK not a zip')).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
  });
});

describe('import columns', () => {
  it('recognises Chinese and English headers with decorations', () => {
    expect(fieldOfHeader('*工号')).toBe('jobNumber');
    expect(fieldOfHeader('Job Number')).toBe('jobNumber');
    expect(fieldOfHeader('job_number')).toBe('jobNumber');
    expect(fieldOfHeader('入职日期(YYYY-MM-DD)')).toBe('hireDate');
    expect(fieldOfHeader('E-mail')).toBe('email');
    expect(fieldOfHeader('直属上级工号')).toBe('managerJobNumber');
    expect(fieldOfHeader('备注')).toBeUndefined();
  });

  it('reads date cells in the forms people type and Excel stores', () => {
    expect(parseDateCell('2024/3/5')).toBe('2024-03-05');
    expect(parseDateCell('2024-03-05')).toBe('2024-03-05');
    expect(parseDateCell('2024年3月5日')).toBe('2024-03-05');
    expect(parseDateCell(45292)).toBe('2024-01-01');
    expect(parseDateCell(new Date(Date.UTC(2024, 1, 29)))).toBe('2024-02-29');
    expect(parseDateCell('')).toBeNull();
    expect(parseDateCell('2023-02-29')).toBeUndefined();
    expect(parseDateCell('5/3/2024')).toBeUndefined();
  });

  it('reads statuses in both languages', () => {
    expect(parseStatus('在职')).toBe('active');
    expect(parseStatus('Inactive')).toBe('inactive');
    expect(parseStatus('')).toBeNull();
    expect(parseStatus('休假')).toBeUndefined();
  });
});

describe('DepartmentTree', () => {
  const tree = new DepartmentTree([
    { id: 1, parent_id: null, name: '研发部', code: 'RD', active: 1 },
    { id: 2, parent_id: 1, name: '后端组', code: null, active: 1 },
    { id: 3, parent_id: 2, name: '接口组', code: null, active: 1 },
    { id: 4, parent_id: 1, name: '旧组', code: 'OLD', active: 0 },
  ]);

  it('finds subtrees, paths and loops', () => {
    expect(tree.subtree(1).sort()).toEqual([1, 2, 3, 4]);
    expect(tree.pathOf(3)).toBe('研发部/后端组/接口组');
    expect(tree.wouldCycle(1, 3)).toBe(true);
    expect(tree.wouldCycle(2, 2)).toBe(true);
    expect(tree.wouldCycle(3, 1)).toBe(false);
  });

  it('resolves only active departments by path or code', () => {
    expect(tree.findPath(['研发部', '后端组'])?.id).toBe(2);
    expect(tree.findPath(['研发部', '旧组'])).toBeUndefined();
    expect(tree.activeByCode('RD')?.id).toBe(1);
    expect(tree.activeByCode('OLD')).toBeUndefined();
  });
});
