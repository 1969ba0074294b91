/**
 * The file people fill in for an employee import: every column the import reads, under the
 * Chinese header it knows, and one example row that imports cleanly. Pure.
 */
import { UTF8_BOM, csvLine } from '../reports/csv-writer.js';
import { IMPORT_FIELDS, defaultHeader, type ImportField } from './employee-import.columns.js';

export const TEMPLATE_FILENAME = '员工导入模板.csv';

// 直属上级工号 is blank: a manager must already exist or be another row of the file.
const EXAMPLE: Record<ImportField, string> = {
  jobNumber: 'A001',
  name: '张三',
  email: 'zhangsan@example.com',
  mobile: '13800138000',
  department: '研发中心/后端组',
  managerJobNumber: '',
  site: '上海总部',
  hireDate: '2024-03-01',
  leaveDate: '',
  timeZone: 'Asia/Shanghai',
  status: '在职',
};

/** UTF-8 with a byte-order mark, so Excel opens the Chinese headers as they are. */
export function importTemplateCsv(): string {
  return UTF8_BOM + csvLine(IMPORT_FIELDS.map(defaultHeader)) + csvLine(IMPORT_FIELDS.map((f) => EXAMPLE[f]));
}
