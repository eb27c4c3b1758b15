import { describe, expect, it } from 'vitest';
import type { TrainingRecord } from '../../domain/records.js';
import { dataset, subjectsOf, training } from '../test-factories.js';

const r09 = (...rows: Array<Partial<TrainingRecord>>) => subjectsOf('R09', dataset({ training: rows.map((r) => training(r)) }));
const minutes = (m: number, hours: number, class_no = 'PX001') => {
  const end = new Date(Date.UTC(2024, 2, 1, 9, 0, 0) + m * 60_000).toISOString().slice(0, 19).replace('T', ' ');
  return { start: '2024-03-01 09:00:00', end, hours, class_no };
};

describe('R09 虚报学时', () => {
  it('allows exactly minutes / 45 + 0.25 and reports more', () => {
    expect(r09(minutes(90, 2.25))).toEqual([]);
    expect(r09(minutes(90, 2.5))).toEqual(['PX001']);
    expect(r09(minutes(100, 2.47))).toEqual([]); // 100 / 45 + 0.25 = 2.4722…
    expect(r09(minutes(100, 2.48))).toEqual(['PX001']);
  });

  it('counts seconds: 89 minutes 59 seconds do not allow 2.25 学时', () => {
    expect(r09({ start: '2024-03-01 09:00:00', end: '2024-03-01 10:29:59', hours: 2.25 })).toEqual(['PX001']);
  });

  it('reports the class once however many rows are padded', () => {
    expect(r09(minutes(90, 3, 'PX2'), { ...minutes(90, 3, 'PX2'), id_no: '11010519491231002X' }, minutes(180, 4, 'PX1'))).toEqual(['PX2']);
  });

  it('takes the tolerance and the length of a 学时 from the parameters', () => {
    const ds = dataset({ training: [training(minutes(90, 2.25))] });
    expect(subjectsOf('R09', ds, { params: { hoursTolerance: 0 } })).toEqual(['PX001']);
    expect(subjectsOf('R09', ds, { params: { minutesPerStudyHour: 40 } })).toEqual([]);
  });
});
