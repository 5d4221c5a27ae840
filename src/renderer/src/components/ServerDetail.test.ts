import { describe, expect, it } from 'vitest';
import { withGaps } from './ServerDetail';

const p = (t: number, v: number) => ({ t, min: v, avg: v, max: v, count: 1 });

describe('chart gaps', () => {
  it('breaks the line where samples are missing for longer than the allowed gap', () => {
    expect(withGaps([p(0, 1), p(10, 2), p(100, 3)], 50)).toEqual([
      { t: 0, v: 1 },
      { t: 10, v: 2 },
      { t: 11, v: null },
      { t: 100, v: 3 },
    ]);
    expect(withGaps([], 50)).toEqual([]);
  });
});
