import { describe, expect, it } from 'vitest';
import { findDate } from '../../src/metadata/dates.js';

describe('findDate reads the date formats pages print into ISO YYYY-MM-DD', () => {
  it.each([
    ['2014-05-20 08:08', '2014-05-20'],
    ['By Chen Weihua | China Daily USA | Updated: 2014-05-20 08:08', '2014-05-20'],
    ['February 20, 2013', '2013-02-20'],
    ['19:27, February 20, 2013', '2013-02-20'],
    ['05-30-2014 07:40 BJT', '2014-05-30'],
    // Dotted dates are day-first (European): 5 October 2018.
    ['05.10.2018 08:15', '2018-10-05'],
    ['7 February 2024  |  By Femke Oudendijk-Ray', '2024-02-07'],
    ['Friday, 06 February 2015 07:12 AM EST', '2015-02-06'],
    ['Sept. 9, 2019', '2019-09-09'],
    ['Dec 31st, 1999', '1999-12-31'],
    ['Published 3rd March 2021', '2021-03-03'],
    ['2013/02/20', '2013-02-20'],
    ['posted 12/25/2020', '2020-12-25'],
    // Dashed month-first, unless the first number cannot be a month.
    ['30-05-2014', '2014-05-30'],
  ])('%s → %s', (line, iso) => {
    expect(findDate(line)).toBe(iso);
  });

  it('returns the first date of the line when there are two', () => {
    expect(findDate('Updated: 2014-05-21 10:00, first published May 20, 2014')).toBe('2014-05-21');
    expect(findDate('First published May 20, 2014 | Updated: 2014-05-21 10:00')).toBe('2014-05-20');
  });

  it.each(['Feb. 20 (Xinhua)', 'May 2014', '13.13.2020', 'Room 2014-77', '1,754 Chinese websites', ''])('finds no date in %j', (line) => {
    expect(findDate(line)).toBeUndefined();
  });

  // BUG (src/metadata/dates.ts): the ISO pattern ends with \b, and there is no word boundary
  // between the day and the "T" of an ISO 8601 timestamp, so "2014-05-20T08:08:00Z" yields nothing.
  it('reads an ISO 8601 timestamp ("2014-05-20T08:08:00+08:00")', () => {
    expect(findDate('Published: 2014-05-20T08:08:00+08:00')).toBe('2014-05-20');
  });

  // BUG (src/metadata/dates.ts): only 1 ≤ day ≤ 31 is checked, so an impossible day such as
  // 30 February is returned and later written as an ill-typed xsd:date literal.
  it('never returns a day the month does not have', () => {
    expect(findDate('2014-02-30')).toBeUndefined();
    expect(findDate('31.04.2019')).toBeUndefined();
  });
});
