import { describe, expect, it } from 'vitest';
import type { ImportJob } from '../../api.js';
import { jobPercent, progressText } from './progress.js';

type JobOverrides = Partial<Omit<ImportJob, 'progress'>> & { progress?: Partial<ImportJob['progress']> };

const job = (over: JobOverrides): ImportJob => ({
  id: 'j1',
  status: 'running',
  createdAt: '2024-03-05T08:00:00Z',
  finishedAt: null,
  fileNames: ['enterprises.csv', 'certificates.csv'],
  report: null,
  error: null,
  ...over,
  progress: {
    fileIndex: 0,
    fileCount: 2,
    file: 'enterprises.csv',
    rowsRead: 0,
    bytesRead: 0,
    bytesTotal: 0,
    ...over.progress,
  },
});

describe('jobPercent', () => {
  it('counts finished files whole and the current one by bytes', () => {
    expect(jobPercent(job({ progress: { fileIndex: 1, bytesRead: 50, bytesTotal: 100 } }))).toBe(75);
  });
  it('never shows 100 % before the job has settled', () => {
    expect(jobPercent(job({ progress: { fileIndex: 1, bytesRead: 100, bytesTotal: 100 } }))).toBe(99);
    expect(jobPercent(job({ status: 'succeeded' }))).toBe(100);
  });
  it('is 0 with no files or no size known', () => {
    expect(jobPercent(job({ progress: { fileCount: 0 } }))).toBe(0);
    expect(jobPercent(job({ progress: { bytesRead: 10, bytesTotal: 0 } }))).toBe(0);
  });
});

describe('progressText', () => {
  it('says which file, how many rows and how many bytes', () => {
    const text = progressText(
      job({
        progress: {
          fileIndex: 1,
          file: 'certificates.csv',
          rowsRead: 12345,
          bytesRead: 2048,
          bytesTotal: 4 * 1024 * 1024,
        },
      }),
    );
    expect(text).toBe('第 2/2 个文件 · certificates.csv · 已读取 12,345 行 · 2.0 KB / 4.0 MB');
  });
  it('says a queued job is waiting', () => {
    expect(progressText(job({ status: 'queued' }))).toBe('排队等待中…');
  });
});
