import { describe, expect, it } from 'vitest';
import { rruleProblems } from '../../../src-renderer/core/config';

describe('rruleProblems', () => {
  it.each(['FREQ=WEEKLY', 'FREQ=MONTHLY;BYDAY=2SA', 'FREQ=MONTHLY;BYDAY=-1FR;INTERVAL=2', 'FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20261231', 'FREQ=DAILY;COUNT=10;WKST=MO', 'FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=-1', 'FREQ=MONTHLY;BYDAY=SA;BYSETPOS=2', 'FREQ=WEEKLY;UNTIL=20261231T170000'])(
    'accepts %s',
    (rule) => expect(rruleProblems(rule)).toEqual([]),
  );

  it.each([
    ['', 'the rule is empty; leave `rrule` out for a one-off session'],
    ['RRULE:FREQ=WEEKLY', 'write the rule without the `RRULE:` prefix'],
    ['BYDAY=MO', 'FREQ is required, e.g. FREQ=WEEKLY'],
    ['FREQ=FORTNIGHTLY', 'FREQ must be one of DAILY, WEEKLY, MONTHLY, YEARLY, not `FORTNIGHTLY`'],
    ['FREQ=HOURLY', 'FREQ=HOURLY is not supported: the kiosk schedules DAILY, WEEKLY, MONTHLY, YEARLY series'],
    ['FREQ=WEEKLY;BYDAY=XX', 'BYDAY value `XX` is not a weekday like MO, 2SA or -1FR'],
    ['FREQ=WEEKLY;BYDAY=2SA', 'BYDAY `2SA`: a number before the weekday only works with FREQ=MONTHLY or FREQ=YEARLY'],
    ['FREQ=MONTHLY;BYDAY=0SA', 'BYDAY value `0SA` is not a weekday like MO, 2SA or -1FR'],
    ['FREQ=WEEKLY;UNTIL=2026-12-31', 'UNTIL must be a date like 20261231 or a date-time like 20261231T170000, not `2026-12-31`'],
    ['FREQ=WEEKLY;UNTIL=20261231T170000Z', 'UNTIL must be site local time without the trailing Z (`20261231T170000`)'],
    ['FREQ=WEEKLY;UNTIL=20260230', 'UNTIL `20260230` is not a real date or time'],
    ['FREQ=WEEKLY;COUNT=ten', 'COUNT must be a positive whole number, not `ten`'],
    ['FREQ=WEEKLY;INTERVAL=0', 'INTERVAL must be a positive whole number, not `0`'],
    ['FREQ=WEEKLY;COUNT=3;UNTIL=20261231', 'use COUNT or UNTIL, not both'],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'BYMONTHDAY value `32` must be a whole number from 1 to 31 or -31 to -1'],
    ['FREQ=YEARLY;BYMONTH=13', 'BYMONTH value `13` must be a whole number from 1 to 12'],
    ['FREQ=MONTHLY;BYDAY=SA;BYSETPOS=0', 'BYSETPOS value `0` must be a whole number from 1 to 366 or -366 to -1'],
    ['FREQ=MONTHLY;BYSETPOS=2', 'BYSETPOS needs another BY… part to pick from, e.g. BYDAY=SA;BYSETPOS=2'],
    ['FREQ=WEEKLY;BYMONTHDAY=1', 'BYMONTHDAY cannot be used with FREQ=WEEKLY'],
    ['FREQ=WEEKLY;WKST=XY', 'WKST must be one of MO, TU, WE, TH, FR, SA, SU, not `XY`'],
    ['FREQ=WEEKLY;BYDAYS=MO', 'unknown part `BYDAYS` (parts are upper-case, e.g. FREQ, BYDAY, UNTIL)'],
    ['freq=weekly', 'unknown part `freq` (parts are upper-case, e.g. FREQ, BYDAY, UNTIL)'],
    ['FREQ=WEEKLY;FREQ=DAILY', 'FREQ is given twice'],
    ['FREQ=WEEKLY;BYDAY', '`BYDAY` is not a NAME=VALUE part'],
    ['FREQ=WEEKLY;BYDAY=', 'BYDAY has no value'],
  ])('refuses %j', (rule, problem) => {
    expect(rruleProblems(rule)).toContain(problem);
  });
});
