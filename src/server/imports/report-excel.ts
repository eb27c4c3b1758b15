// The import report as Excel: a summary sheet and the rejected rows.

import { KIND_LABELS, type KindName } from '../domain/records.js';
import type { ImportReport, FileReport } from '../import/report.js';
import type { Rejection } from '../import/parse-file.js';
import { workbookBuffer, type SheetSpec } from '../excel/workbook.js';

const summary: SheetSpec<FileReport> = {
  name: '导入汇总',
  columns: [
    { header: '文件', width: 30, value: (f) => f.file },
    { header: '类型', value: (f) => (f.kind ? KIND_LABELS[f.kind as KindName] : '未识别') },
    { header: '结果', value: (f) => (f.status === 'imported' ? '已导入' : '未导入') },
    { header: '读取行数', value: (f) => f.read },
    { header: '新增', value: (f) => f.inserted },
    { header: '更新', value: (f) => f.updated },
    { header: '未变', value: (f) => f.unchanged },
    { header: '拒绝行数', value: (f) => f.rejectedCount },
    { header: '说明', width: 60, value: (f) => f.message },
  ],
};

const rejections: SheetSpec<Rejection & { file: string }> = {
  name: '拒绝明细',
  columns: [
    { header: '文件', width: 30, value: (r) => r.file },
    { header: '行号', width: 8, value: (r) => r.row },
    { header: '列', width: 20, value: (r) => r.column },
    { header: '原因', width: 70, value: (r) => r.reason },
  ],
};

export function importReportWorkbook(report: ImportReport): Promise<Buffer> {
  return workbookBuffer([
    { spec: summary, rows: report.files },
    { spec: rejections, rows: report.files.flatMap((f) => f.rejected.map((r) => ({ ...r, file: f.file }))) },
  ]);
}
