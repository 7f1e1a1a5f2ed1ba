// The recurrence test corpus, transcribed from public sources; every expected start is written out
// here, none is computed. Times are wall-clock "YYYY-MM-DDTHH:mm".
//
// - RFC 5545 §3.8.5.3: every example (text at https://www.rfc-editor.org/rfc/rfc5545#section-3.8.5.3).
//   All assume America/New_York; a rule the RFC gives in two forms ("or") is two cases with one list.
//   Where the RFC lists a series "forever", `through` is the last date it lists.
// - python-dateutil tests/test_rrule.py (dateutil/dateutil @d34f682f2d47494b5b1cfdea04bffafca5cdaf30,
//   Apache-2.0/BSD-3-Clause): the YEARLY, MONTHLY, WEEKLY, DAILY and first HOURLY cases, without
//   BYEASTER (not RFC 5545). dateutil yields the first start only when the rule does, unlike RFC 5545;
//   cases the kiosk refuses carry the reason it gives instead of dates.

export interface RfcExample {
  title: string;
  start: string;
  rule: string;
  /** Local dates or date-times the series skips (the example's EXDATE). */
  except?: string[];
  /** The last wall-clock time looked at, for a series without an end. */
  through?: string;
  note?: string;
  expected: string[];
}

export type DateutilCase = { name: string; start: string; rule: string; expected: string[] } | { name: string; start: string; rule: string; refused: string };

export const RFC_ZONE = 'America/New_York';

export const RFC_EXAMPLES: RfcExample[] = [
  {
    title: "Daily for 10 occurrences",
    start: "1997-09-02T09:00",
    rule: "FREQ=DAILY;COUNT=10",
    expected: [
      "1997-09-02T09:00", "1997-09-03T09:00", "1997-09-04T09:00", "1997-09-05T09:00", "1997-09-06T09:00", "1997-09-07T09:00",
      "1997-09-08T09:00", "1997-09-09T09:00", "1997-09-10T09:00", "1997-09-11T09:00",
    ],
  },
  {
    title: "Daily until December 24, 1997",
    start: "1997-09-02T09:00",
    rule: "FREQ=DAILY;UNTIL=19971224T000000Z",
    expected: [
      "1997-09-02T09:00", "1997-09-03T09:00", "1997-09-04T09:00", "1997-09-05T09:00", "1997-09-06T09:00", "1997-09-07T09:00",
      "1997-09-08T09:00", "1997-09-09T09:00", "1997-09-10T09:00", "1997-09-11T09:00", "1997-09-12T09:00", "1997-09-13T09:00",
      "1997-09-14T09:00", "1997-09-15T09:00", "1997-09-16T09:00", "1997-09-17T09:00", "1997-09-18T09:00", "1997-09-19T09:00",
      "1997-09-20T09:00", "1997-09-21T09:00", "1997-09-22T09:00", "1997-09-23T09:00", "1997-09-24T09:00", "1997-09-25T09:00",
      "1997-09-26T09:00", "1997-09-27T09:00", "1997-09-28T09:00", "1997-09-29T09:00", "1997-09-30T09:00", "1997-10-01T09:00",
      "1997-10-02T09:00", "1997-10-03T09:00", "1997-10-04T09:00", "1997-10-05T09:00", "1997-10-06T09:00", "1997-10-07T09:00",
      "1997-10-08T09:00", "1997-10-09T09:00", "1997-10-10T09:00", "1997-10-11T09:00", "1997-10-12T09:00", "1997-10-13T09:00",
      "1997-10-14T09:00", "1997-10-15T09:00", "1997-10-16T09:00", "1997-10-17T09:00", "1997-10-18T09:00", "1997-10-19T09:00",
      "1997-10-20T09:00", "1997-10-21T09:00", "1997-10-22T09:00", "1997-10-23T09:00", "1997-10-24T09:00", "1997-10-25T09:00",
      "1997-10-26T09:00", "1997-10-27T09:00", "1997-10-28T09:00", "1997-10-29T09:00", "1997-10-30T09:00", "1997-10-31T09:00",
      "1997-11-01T09:00", "1997-11-02T09:00", "1997-11-03T09:00", "1997-11-04T09:00", "1997-11-05T09:00", "1997-11-06T09:00",
      "1997-11-07T09:00", "1997-11-08T09:00", "1997-11-09T09:00", "1997-11-10T09:00", "1997-11-11T09:00", "1997-11-12T09:00",
      "1997-11-13T09:00", "1997-11-14T09:00", "1997-11-15T09:00", "1997-11-16T09:00", "1997-11-17T09:00", "1997-11-18T09:00",
      "1997-11-19T09:00", "1997-11-20T09:00", "1997-11-21T09:00", "1997-11-22T09:00", "1997-11-23T09:00", "1997-11-24T09:00",
      "1997-11-25T09:00", "1997-11-26T09:00", "1997-11-27T09:00", "1997-11-28T09:00", "1997-11-29T09:00", "1997-11-30T09:00",
      "1997-12-01T09:00", "1997-12-02T09:00", "1997-12-03T09:00", "1997-12-04T09:00", "1997-12-05T09:00", "1997-12-06T09:00",
      "1997-12-07T09:00", "1997-12-08T09:00", "1997-12-09T09:00", "1997-12-10T09:00", "1997-12-11T09:00", "1997-12-12T09:00",
      "1997-12-13T09:00", "1997-12-14T09:00", "1997-12-15T09:00", "1997-12-16T09:00", "1997-12-17T09:00", "1997-12-18T09:00",
      "1997-12-19T09:00", "1997-12-20T09:00", "1997-12-21T09:00", "1997-12-22T09:00", "1997-12-23T09:00",
    ],
  },
  {
    title: "Every other day - forever",
    start: "1997-09-02T09:00",
    rule: "FREQ=DAILY;INTERVAL=2",
    through: "1997-12-03T23:59",
    expected: [
      "1997-09-02T09:00", "1997-09-04T09:00", "1997-09-06T09:00", "1997-09-08T09:00", "1997-09-10T09:00", "1997-09-12T09:00",
      "1997-09-14T09:00", "1997-09-16T09:00", "1997-09-18T09:00", "1997-09-20T09:00", "1997-09-22T09:00", "1997-09-24T09:00",
      "1997-09-26T09:00", "1997-09-28T09:00", "1997-09-30T09:00", "1997-10-02T09:00", "1997-10-04T09:00", "1997-10-06T09:00",
      "1997-10-08T09:00", "1997-10-10T09:00", "1997-10-12T09:00", "1997-10-14T09:00", "1997-10-16T09:00", "1997-10-18T09:00",
      "1997-10-20T09:00", "1997-10-22T09:00", "1997-10-24T09:00", "1997-10-26T09:00", "1997-10-28T09:00", "1997-10-30T09:00",
      "1997-11-01T09:00", "1997-11-03T09:00", "1997-11-05T09:00", "1997-11-07T09:00", "1997-11-09T09:00", "1997-11-11T09:00",
      "1997-11-13T09:00", "1997-11-15T09:00", "1997-11-17T09:00", "1997-11-19T09:00", "1997-11-21T09:00", "1997-11-23T09:00",
      "1997-11-25T09:00", "1997-11-27T09:00", "1997-11-29T09:00", "1997-12-01T09:00", "1997-12-03T09:00",
    ],
  },
  {
    title: "Every 10 days, 5 occurrences",
    start: "1997-09-02T09:00",
    rule: "FREQ=DAILY;INTERVAL=10;COUNT=5",
    expected: [
      "1997-09-02T09:00", "1997-09-12T09:00", "1997-09-22T09:00", "1997-10-02T09:00", "1997-10-12T09:00",
    ],
  },
  {
    title: "Every day in January, for 3 years (yearly form)",
    start: "1998-01-01T09:00",
    rule: "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA",
    expected: [
      "1998-01-01T09:00", "1998-01-02T09:00", "1998-01-03T09:00", "1998-01-04T09:00", "1998-01-05T09:00", "1998-01-06T09:00",
      "1998-01-07T09:00", "1998-01-08T09:00", "1998-01-09T09:00", "1998-01-10T09:00", "1998-01-11T09:00", "1998-01-12T09:00",
      "1998-01-13T09:00", "1998-01-14T09:00", "1998-01-15T09:00", "1998-01-16T09:00", "1998-01-17T09:00", "1998-01-18T09:00",
      "1998-01-19T09:00", "1998-01-20T09:00", "1998-01-21T09:00", "1998-01-22T09:00", "1998-01-23T09:00", "1998-01-24T09:00",
      "1998-01-25T09:00", "1998-01-26T09:00", "1998-01-27T09:00", "1998-01-28T09:00", "1998-01-29T09:00", "1998-01-30T09:00",
      "1998-01-31T09:00", "1999-01-01T09:00", "1999-01-02T09:00", "1999-01-03T09:00", "1999-01-04T09:00", "1999-01-05T09:00",
      "1999-01-06T09:00", "1999-01-07T09:00", "1999-01-08T09:00", "1999-01-09T09:00", "1999-01-10T09:00", "1999-01-11T09:00",
      "1999-01-12T09:00", "1999-01-13T09:00", "1999-01-14T09:00", "1999-01-15T09:00", "1999-01-16T09:00", "1999-01-17T09:00",
      "1999-01-18T09:00", "1999-01-19T09:00", "1999-01-20T09:00", "1999-01-21T09:00", "1999-01-22T09:00", "1999-01-23T09:00",
      "1999-01-24T09:00", "1999-01-25T09:00", "1999-01-26T09:00", "1999-01-27T09:00", "1999-01-28T09:00", "1999-01-29T09:00",
      "1999-01-30T09:00", "1999-01-31T09:00", "2000-01-01T09:00", "2000-01-02T09:00", "2000-01-03T09:00", "2000-01-04T09:00",
      "2000-01-05T09:00", "2000-01-06T09:00", "2000-01-07T09:00", "2000-01-08T09:00", "2000-01-09T09:00", "2000-01-10T09:00",
      "2000-01-11T09:00", "2000-01-12T09:00", "2000-01-13T09:00", "2000-01-14T09:00", "2000-01-15T09:00", "2000-01-16T09:00",
      "2000-01-17T09:00", "2000-01-18T09:00", "2000-01-19T09:00", "2000-01-20T09:00", "2000-01-21T09:00", "2000-01-22T09:00",
      "2000-01-23T09:00", "2000-01-24T09:00", "2000-01-25T09:00", "2000-01-26T09:00", "2000-01-27T09:00", "2000-01-28T09:00",
      "2000-01-29T09:00", "2000-01-30T09:00", "2000-01-31T09:00",
    ],
  },
  {
    title: "Every day in January, for 3 years (daily form)",
    start: "1998-01-01T09:00",
    rule: "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1",
    expected: [
      "1998-01-01T09:00", "1998-01-02T09:00", "1998-01-03T09:00", "1998-01-04T09:00", "1998-01-05T09:00", "1998-01-06T09:00",
      "1998-01-07T09:00", "1998-01-08T09:00", "1998-01-09T09:00", "1998-01-10T09:00", "1998-01-11T09:00", "1998-01-12T09:00",
      "1998-01-13T09:00", "1998-01-14T09:00", "1998-01-15T09:00", "1998-01-16T09:00", "1998-01-17T09:00", "1998-01-18T09:00",
      "1998-01-19T09:00", "1998-01-20T09:00", "1998-01-21T09:00", "1998-01-22T09:00", "1998-01-23T09:00", "1998-01-24T09:00",
      "1998-01-25T09:00", "1998-01-26T09:00", "1998-01-27T09:00", "1998-01-28T09:00", "1998-01-29T09:00", "1998-01-30T09:00",
      "1998-01-31T09:00", "1999-01-01T09:00", "1999-01-02T09:00", "1999-01-03T09:00", "1999-01-04T09:00", "1999-01-05T09:00",
      "1999-01-06T09:00", "1999-01-07T09:00", "1999-01-08T09:00", "1999-01-09T09:00", "1999-01-10T09:00", "1999-01-11T09:00",
      "1999-01-12T09:00", "1999-01-13T09:00", "1999-01-14T09:00", "1999-01-15T09:00", "1999-01-16T09:00", "1999-01-17T09:00",
      "1999-01-18T09:00", "1999-01-19T09:00", "1999-01-20T09:00", "1999-01-21T09:00", "1999-01-22T09:00", "1999-01-23T09:00",
      "1999-01-24T09:00", "1999-01-25T09:00", "1999-01-26T09:00", "1999-01-27T09:00", "1999-01-28T09:00", "1999-01-29T09:00",
      "1999-01-30T09:00", "1999-01-31T09:00", "2000-01-01T09:00", "2000-01-02T09:00", "2000-01-03T09:00", "2000-01-04T09:00",
      "2000-01-05T09:00", "2000-01-06T09:00", "2000-01-07T09:00", "2000-01-08T09:00", "2000-01-09T09:00", "2000-01-10T09:00",
      "2000-01-11T09:00", "2000-01-12T09:00", "2000-01-13T09:00", "2000-01-14T09:00", "2000-01-15T09:00", "2000-01-16T09:00",
      "2000-01-17T09:00", "2000-01-18T09:00", "2000-01-19T09:00", "2000-01-20T09:00", "2000-01-21T09:00", "2000-01-22T09:00",
      "2000-01-23T09:00", "2000-01-24T09:00", "2000-01-25T09:00", "2000-01-26T09:00", "2000-01-27T09:00", "2000-01-28T09:00",
      "2000-01-29T09:00", "2000-01-30T09:00", "2000-01-31T09:00",
    ],
  },
  {
    title: "Weekly for 10 occurrences",
    start: "1997-09-02T09:00",
    rule: "FREQ=WEEKLY;COUNT=10",
    expected: [
      "1997-09-02T09:00", "1997-09-09T09:00", "1997-09-16T09:00", "1997-09-23T09:00", "1997-09-30T09:00", "1997-10-07T09:00",
      "1997-10-14T09:00", "1997-10-21T09:00", "1997-10-28T09:00", "1997-11-04T09:00",
    ],
  },
  {
    title: "Weekly until December 24, 1997",
    start: "1997-09-02T09:00",
    rule: "FREQ=WEEKLY;UNTIL=19971224T000000Z",
    expected: [
      "1997-09-02T09:00", "1997-09-09T09:00", "1997-09-16T09:00", "1997-09-23T09:00", "1997-09-30T09:00", "1997-10-07T09:00",
      "1997-10-14T09:00", "1997-10-21T09:00", "1997-10-28T09:00", "1997-11-04T09:00", "1997-11-11T09:00", "1997-11-18T09:00",
      "1997-11-25T09:00", "1997-12-02T09:00", "1997-12-09T09:00", "1997-12-16T09:00", "1997-12-23T09:00",
    ],
  },
  {
    title: "Every other week - forever",
    start: "1997-09-02T09:00",
    rule: "FREQ=WEEKLY;INTERVAL=2;WKST=SU",
    through: "1998-02-17T23:59",
    expected: [
      "1997-09-02T09:00", "1997-09-16T09:00", "1997-09-30T09:00", "1997-10-14T09:00", "1997-10-28T09:00", "1997-11-11T09:00",
      "1997-11-25T09:00", "1997-12-09T09:00", "1997-12-23T09:00", "1998-01-06T09:00", "1998-01-20T09:00", "1998-02-03T09:00",
      "1998-02-17T09:00",
    ],
  },
  {
    title: "Weekly on Tuesday and Thursday for five weeks (UNTIL form)",
    start: "1997-09-02T09:00",
    rule: "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH",
    expected: [
      "1997-09-02T09:00", "1997-09-04T09:00", "1997-09-09T09:00", "1997-09-11T09:00", "1997-09-16T09:00", "1997-09-18T09:00",
      "1997-09-23T09:00", "1997-09-25T09:00", "1997-09-30T09:00", "1997-10-02T09:00",
    ],
  },
  {
    title: "Weekly on Tuesday and Thursday for five weeks (COUNT form)",
    start: "1997-09-02T09:00",
    rule: "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH",
    expected: [
      "1997-09-02T09:00", "1997-09-04T09:00", "1997-09-09T09:00", "1997-09-11T09:00", "1997-09-16T09:00", "1997-09-18T09:00",
      "1997-09-23T09:00", "1997-09-25T09:00", "1997-09-30T09:00", "1997-10-02T09:00",
    ],
  },
  {
    title: "Every other week on Monday, Wednesday, and Friday until December 24, 1997",
    start: "1997-09-01T09:00",
    rule: "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR",
    expected: [
      "1997-09-01T09:00", "1997-09-03T09:00", "1997-09-05T09:00", "1997-09-15T09:00", "1997-09-17T09:00", "1997-09-19T09:00",
      "1997-09-29T09:00", "1997-10-01T09:00", "1997-10-03T09:00", "1997-10-13T09:00", "1997-10-15T09:00", "1997-10-17T09:00",
      "1997-10-27T09:00", "1997-10-29T09:00", "1997-10-31T09:00", "1997-11-10T09:00", "1997-11-12T09:00", "1997-11-14T09:00",
      "1997-11-24T09:00", "1997-11-26T09:00", "1997-11-28T09:00", "1997-12-08T09:00", "1997-12-10T09:00", "1997-12-12T09:00",
      "1997-12-22T09:00",
    ],
  },
  {
    title: "Every other week on Tuesday and Thursday, for 8 occurrences",
    start: "1997-09-02T09:00",
    rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH",
    expected: [
      "1997-09-02T09:00", "1997-09-04T09:00", "1997-09-16T09:00", "1997-09-18T09:00", "1997-09-30T09:00", "1997-10-02T09:00",
      "1997-10-14T09:00", "1997-10-16T09:00",
    ],
  },
  {
    title: "Monthly on the first Friday for 10 occurrences",
    start: "1997-09-05T09:00",
    rule: "FREQ=MONTHLY;COUNT=10;BYDAY=1FR",
    expected: [
      "1997-09-05T09:00", "1997-10-03T09:00", "1997-11-07T09:00", "1997-12-05T09:00", "1998-01-02T09:00", "1998-02-06T09:00",
      "1998-03-06T09:00", "1998-04-03T09:00", "1998-05-01T09:00", "1998-06-05T09:00",
    ],
  },
  {
    title: "Monthly on the first Friday until December 24, 1997",
    start: "1997-09-05T09:00",
    rule: "FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR",
    expected: [
      "1997-09-05T09:00", "1997-10-03T09:00", "1997-11-07T09:00", "1997-12-05T09:00",
    ],
  },
  {
    title: "Every other month on the first and last Sunday of the month for 10 occurrences",
    start: "1997-09-07T09:00",
    rule: "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU",
    expected: [
      "1997-09-07T09:00", "1997-09-28T09:00", "1997-11-02T09:00", "1997-11-30T09:00", "1998-01-04T09:00", "1998-01-25T09:00",
      "1998-03-01T09:00", "1998-03-29T09:00", "1998-05-03T09:00", "1998-05-31T09:00",
    ],
  },
  {
    title: "Monthly on the second-to-last Monday of the month for 6 months",
    start: "1997-09-22T09:00",
    rule: "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO",
    expected: [
      "1997-09-22T09:00", "1997-10-20T09:00", "1997-11-17T09:00", "1997-12-22T09:00", "1998-01-19T09:00", "1998-02-16T09:00",
    ],
  },
  {
    title: "Monthly on the third-to-the-last day of the month, forever",
    start: "1997-09-28T09:00",
    rule: "FREQ=MONTHLY;BYMONTHDAY=-3",
    through: "1998-02-26T23:59",
    expected: [
      "1997-09-28T09:00", "1997-10-29T09:00", "1997-11-28T09:00", "1997-12-29T09:00", "1998-01-29T09:00", "1998-02-26T09:00",
    ],
  },
  {
    title: "Monthly on the 2nd and 15th of the month for 10 occurrences",
    start: "1997-09-02T09:00",
    rule: "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15",
    expected: [
      "1997-09-02T09:00", "1997-09-15T09:00", "1997-10-02T09:00", "1997-10-15T09:00", "1997-11-02T09:00", "1997-11-15T09:00",
      "1997-12-02T09:00", "1997-12-15T09:00", "1998-01-02T09:00", "1998-01-15T09:00",
    ],
  },
  {
    title: "Monthly on the first and last day of the month for 10 occurrences",
    start: "1997-09-30T09:00",
    rule: "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1",
    expected: [
      "1997-09-30T09:00", "1997-10-01T09:00", "1997-10-31T09:00", "1997-11-01T09:00", "1997-11-30T09:00", "1997-12-01T09:00",
      "1997-12-31T09:00", "1998-01-01T09:00", "1998-01-31T09:00", "1998-02-01T09:00",
    ],
  },
  {
    title: "Every 18 months on the 10th thru 15th of the month for 10 occurrences",
    start: "1997-09-10T09:00",
    rule: "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15",
    expected: [
      "1997-09-10T09:00", "1997-09-11T09:00", "1997-09-12T09:00", "1997-09-13T09:00", "1997-09-14T09:00", "1997-09-15T09:00",
      "1999-03-10T09:00", "1999-03-11T09:00", "1999-03-12T09:00", "1999-03-13T09:00",
    ],
  },
  {
    title: "Every Tuesday, every other month",
    start: "1997-09-02T09:00",
    rule: "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU",
    through: "1998-03-31T23:59",
    expected: [
      "1997-09-02T09:00", "1997-09-09T09:00", "1997-09-16T09:00", "1997-09-23T09:00", "1997-09-30T09:00", "1997-11-04T09:00",
      "1997-11-11T09:00", "1997-11-18T09:00", "1997-11-25T09:00", "1998-01-06T09:00", "1998-01-13T09:00", "1998-01-20T09:00",
      "1998-01-27T09:00", "1998-03-03T09:00", "1998-03-10T09:00", "1998-03-17T09:00", "1998-03-24T09:00", "1998-03-31T09:00",
    ],
  },
  {
    title: "Yearly in June and July for 10 occurrences",
    start: "1997-06-10T09:00",
    rule: "FREQ=YEARLY;COUNT=10;BYMONTH=6,7",
    expected: [
      "1997-06-10T09:00", "1997-07-10T09:00", "1998-06-10T09:00", "1998-07-10T09:00", "1999-06-10T09:00", "1999-07-10T09:00",
      "2000-06-10T09:00", "2000-07-10T09:00", "2001-06-10T09:00", "2001-07-10T09:00",
    ],
  },
  {
    title: "Every other year on January, February, and March for 10 occurrences",
    start: "1997-03-10T09:00",
    rule: "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3",
    expected: [
      "1997-03-10T09:00", "1999-01-10T09:00", "1999-02-10T09:00", "1999-03-10T09:00", "2001-01-10T09:00", "2001-02-10T09:00",
      "2001-03-10T09:00", "2003-01-10T09:00", "2003-02-10T09:00", "2003-03-10T09:00",
    ],
  },
  {
    title: "Every third year on the 1st, 100th, and 200th day for 10 occurrences",
    start: "1997-01-01T09:00",
    rule: "FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200",
    expected: [
      "1997-01-01T09:00", "1997-04-10T09:00", "1997-07-19T09:00", "2000-01-01T09:00", "2000-04-09T09:00", "2000-07-18T09:00",
      "2003-01-01T09:00", "2003-04-10T09:00", "2003-07-19T09:00", "2006-01-01T09:00",
    ],
  },
  {
    title: "Every 20th Monday of the year, forever",
    start: "1997-05-19T09:00",
    rule: "FREQ=YEARLY;BYDAY=20MO",
    through: "1999-05-17T23:59",
    expected: [
      "1997-05-19T09:00", "1998-05-18T09:00", "1999-05-17T09:00",
    ],
  },
  {
    title: "Monday of week number 20 (where the default start of the week is Monday), forever",
    start: "1997-05-12T09:00",
    rule: "FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO",
    through: "1999-05-17T23:59",
    expected: [
      "1997-05-12T09:00", "1998-05-11T09:00", "1999-05-17T09:00",
    ],
  },
  {
    title: "Every Thursday in March, forever",
    start: "1997-03-13T09:00",
    rule: "FREQ=YEARLY;BYMONTH=3;BYDAY=TH",
    through: "1999-03-31T23:59",
    expected: [
      "1997-03-13T09:00", "1997-03-20T09:00", "1997-03-27T09:00", "1998-03-05T09:00", "1998-03-12T09:00", "1998-03-19T09:00",
      "1998-03-26T09:00", "1999-03-04T09:00", "1999-03-11T09:00", "1999-03-18T09:00", "1999-03-25T09:00",
    ],
  },
  {
    title: "Every Thursday, but only during June, July, and August, forever",
    start: "1997-06-05T09:00",
    rule: "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8",
    through: "1999-08-31T23:59",
    expected: [
      "1997-06-05T09:00", "1997-06-12T09:00", "1997-06-19T09:00", "1997-06-26T09:00", "1997-07-03T09:00", "1997-07-10T09:00",
      "1997-07-17T09:00", "1997-07-24T09:00", "1997-07-31T09:00", "1997-08-07T09:00", "1997-08-14T09:00", "1997-08-21T09:00",
      "1997-08-28T09:00", "1998-06-04T09:00", "1998-06-11T09:00", "1998-06-18T09:00", "1998-06-25T09:00", "1998-07-02T09:00",
      "1998-07-09T09:00", "1998-07-16T09:00", "1998-07-23T09:00", "1998-07-30T09:00", "1998-08-06T09:00", "1998-08-13T09:00",
      "1998-08-20T09:00", "1998-08-27T09:00", "1999-06-03T09:00", "1999-06-10T09:00", "1999-06-17T09:00", "1999-06-24T09:00",
      "1999-07-01T09:00", "1999-07-08T09:00", "1999-07-15T09:00", "1999-07-22T09:00", "1999-07-29T09:00", "1999-08-05T09:00",
      "1999-08-12T09:00", "1999-08-19T09:00", "1999-08-26T09:00",
    ],
  },
  {
    title: "Every Friday the 13th, forever (DTSTART excluded by EXDATE)",
    start: "1997-09-02T09:00",
    rule: "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
    except: ["1997-09-02T09:00"],
    through: "2000-10-13T23:59",
    expected: [
      "1998-02-13T09:00", "1998-03-13T09:00", "1998-11-13T09:00", "1999-08-13T09:00", "2000-10-13T09:00",
    ],
  },
  {
    title: "The first Saturday that follows the first Sunday of the month, forever",
    start: "1997-09-13T09:00",
    rule: "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13",
    through: "1998-06-13T23:59",
    expected: [
      "1997-09-13T09:00", "1997-10-11T09:00", "1997-11-08T09:00", "1997-12-13T09:00", "1998-01-10T09:00", "1998-02-07T09:00",
      "1998-03-07T09:00", "1998-04-11T09:00", "1998-05-09T09:00", "1998-06-13T09:00",
    ],
  },
  {
    title: "Every 4 years, the first Tuesday after a Monday in November, forever (U.S. Presidential Election day)",
    start: "1996-11-05T09:00",
    rule: "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8",
    through: "2004-11-02T23:59",
    expected: [
      "1996-11-05T09:00", "2000-11-07T09:00", "2004-11-02T09:00",
    ],
  },
  {
    title: "The third instance into the month of one of Tuesday, Wednesday, or Thursday, for the next 3 months",
    start: "1997-09-04T09:00",
    rule: "FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3",
    expected: [
      "1997-09-04T09:00", "1997-10-07T09:00", "1997-11-06T09:00",
    ],
  },
  {
    title: "The second-to-last weekday of the month",
    start: "1997-09-29T09:00",
    rule: "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2",
    through: "1998-03-30T23:59",
    expected: [
      "1997-09-29T09:00", "1997-10-30T09:00", "1997-11-27T09:00", "1997-12-30T09:00", "1998-01-29T09:00", "1998-02-26T09:00",
      "1998-03-30T09:00",
    ],
  },
  {
    title: "Every 3 hours from 9:00 AM to 5:00 PM on a specific day (UNTIL as the RFC writes it)",
    start: "1997-09-02T09:00",
    rule: "FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z",
    note: "The RFC lists 09:00, 12:00 and 15:00, but its UNTIL 17:00Z is 13:00 EDT, which 15:00 EDT is after; read as written, the series ends at 12:00. The variant with a local UNTIL below gives the RFC's three times.",
    expected: [
      "1997-09-02T09:00", "1997-09-02T12:00",
    ],
  },
  {
    title: "Every 3 hours from 9:00 AM to 5:00 PM on a specific day (UNTIL in local time, as the RFC meant it)",
    start: "1997-09-02T09:00",
    rule: "FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000",
    expected: [
      "1997-09-02T09:00", "1997-09-02T12:00", "1997-09-02T15:00",
    ],
  },
  {
    title: "Every 15 minutes for 6 occurrences",
    start: "1997-09-02T09:00",
    rule: "FREQ=MINUTELY;INTERVAL=15;COUNT=6",
    expected: [
      "1997-09-02T09:00", "1997-09-02T09:15", "1997-09-02T09:30", "1997-09-02T09:45", "1997-09-02T10:00", "1997-09-02T10:15",
    ],
  },
  {
    title: "Every hour and a half for 4 occurrences",
    start: "1997-09-02T09:00",
    rule: "FREQ=MINUTELY;INTERVAL=90;COUNT=4",
    expected: [
      "1997-09-02T09:00", "1997-09-02T10:30", "1997-09-02T12:00", "1997-09-02T13:30",
    ],
  },
  {
    title: "Every 20 minutes from 9:00 AM to 4:40 PM every day (daily form)",
    start: "1997-09-02T09:00",
    rule: "FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40",
    through: "1997-09-03T23:59",
    expected: [
      "1997-09-02T09:00", "1997-09-02T09:20", "1997-09-02T09:40", "1997-09-02T10:00", "1997-09-02T10:20", "1997-09-02T10:40",
      "1997-09-02T11:00", "1997-09-02T11:20", "1997-09-02T11:40", "1997-09-02T12:00", "1997-09-02T12:20", "1997-09-02T12:40",
      "1997-09-02T13:00", "1997-09-02T13:20", "1997-09-02T13:40", "1997-09-02T14:00", "1997-09-02T14:20", "1997-09-02T14:40",
      "1997-09-02T15:00", "1997-09-02T15:20", "1997-09-02T15:40", "1997-09-02T16:00", "1997-09-02T16:20", "1997-09-02T16:40",
      "1997-09-03T09:00", "1997-09-03T09:20", "1997-09-03T09:40", "1997-09-03T10:00", "1997-09-03T10:20", "1997-09-03T10:40",
      "1997-09-03T11:00", "1997-09-03T11:20", "1997-09-03T11:40", "1997-09-03T12:00", "1997-09-03T12:20", "1997-09-03T12:40",
      "1997-09-03T13:00", "1997-09-03T13:20", "1997-09-03T13:40", "1997-09-03T14:00", "1997-09-03T14:20", "1997-09-03T14:40",
      "1997-09-03T15:00", "1997-09-03T15:20", "1997-09-03T15:40", "1997-09-03T16:00", "1997-09-03T16:20", "1997-09-03T16:40",
    ],
  },
  {
    title: "Every 20 minutes from 9:00 AM to 4:40 PM every day (minutely form)",
    start: "1997-09-02T09:00",
    rule: "FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16",
    through: "1997-09-03T23:59",
    expected: [
      "1997-09-02T09:00", "1997-09-02T09:20", "1997-09-02T09:40", "1997-09-02T10:00", "1997-09-02T10:20", "1997-09-02T10:40",
      "1997-09-02T11:00", "1997-09-02T11:20", "1997-09-02T11:40", "1997-09-02T12:00", "1997-09-02T12:20", "1997-09-02T12:40",
      "1997-09-02T13:00", "1997-09-02T13:20", "1997-09-02T13:40", "1997-09-02T14:00", "1997-09-02T14:20", "1997-09-02T14:40",
      "1997-09-02T15:00", "1997-09-02T15:20", "1997-09-02T15:40", "1997-09-02T16:00", "1997-09-02T16:20", "1997-09-02T16:40",
      "1997-09-03T09:00", "1997-09-03T09:20", "1997-09-03T09:40", "1997-09-03T10:00", "1997-09-03T10:20", "1997-09-03T10:40",
      "1997-09-03T11:00", "1997-09-03T11:20", "1997-09-03T11:40", "1997-09-03T12:00", "1997-09-03T12:20", "1997-09-03T12:40",
      "1997-09-03T13:00", "1997-09-03T13:20", "1997-09-03T13:40", "1997-09-03T14:00", "1997-09-03T14:20", "1997-09-03T14:40",
      "1997-09-03T15:00", "1997-09-03T15:20", "1997-09-03T15:40", "1997-09-03T16:00", "1997-09-03T16:20", "1997-09-03T16:40",
    ],
  },
  {
    title: "An example where the days generated makes a difference because of WKST (WKST=MO)",
    start: "1997-08-05T09:00",
    rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO",
    expected: [
      "1997-08-05T09:00", "1997-08-10T09:00", "1997-08-19T09:00", "1997-08-24T09:00",
    ],
  },
  {
    title: "An example where the days generated makes a difference because of WKST (WKST=SU)",
    start: "1997-08-05T09:00",
    rule: "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU",
    expected: [
      "1997-08-05T09:00", "1997-08-17T09:00", "1997-08-19T09:00", "1997-08-31T09:00",
    ],
  },
  {
    title: "An example where an invalid date (i.e., February 30) is ignored",
    start: "2007-01-15T09:00",
    rule: "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5",
    expected: [
      "2007-01-15T09:00", "2007-01-30T09:00", "2007-02-15T09:00", "2007-03-15T09:00", "2007-03-30T09:00",
    ],
  },
];

export const DATEUTIL_CASES: DateutilCase[] = [
  { name: "testYearly", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3", expected: ["1997-09-02T09:00", "1998-09-02T09:00", "1999-09-02T09:00"] },
  { name: "testYearlyInterval", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;INTERVAL=2", expected: ["1997-09-02T09:00", "1999-09-02T09:00", "2001-09-02T09:00"] },
  { name: "testYearlyIntervalLarge", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;INTERVAL=100", expected: ["1997-09-02T09:00", "2097-09-02T09:00", "2197-09-02T09:00"] },
  { name: "testYearlyByMonth", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;BYMONTH=1,3", expected: ["1998-01-02T09:00", "1998-03-02T09:00", "1999-01-02T09:00"] },
  { name: "testYearlyByMonthDay", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;BYMONTHDAY=1,3", expected: ["1997-09-03T09:00", "1997-10-01T09:00", "1997-10-03T09:00"] },
  { name: "testYearlyByMonthAndMonthDay", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;BYMONTH=1,3;BYMONTHDAY=5,7", expected: ["1998-01-05T09:00", "1998-01-07T09:00", "1998-03-05T09:00"] },
  { name: "testYearlyByWeekDay", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;BYDAY=TU,TH", expected: ["1997-09-02T09:00", "1997-09-04T09:00", "1997-09-09T09:00"] },
  { name: "testYearlyByNWeekDay", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;BYDAY=1TU,-1TH", expected: ["1997-12-25T09:00", "1998-01-06T09:00", "1998-12-31T09:00"] },
  { name: "testYearlyByNWeekDayLarge", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;BYDAY=3TU,-3TH", expected: ["1997-12-11T09:00", "1998-01-20T09:00", "1998-12-17T09:00"] },
  { name: "testYearlyByMonthAndWeekDay", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;BYMONTH=1,3;BYDAY=TU,TH", expected: ["1998-01-01T09:00", "1998-01-06T09:00", "1998-01-08T09:00"] },
  { name: "testYearlyByMonthAndNWeekDay", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;BYMONTH=1,3;BYDAY=1TU,-1TH", expected: ["1998-01-06T09:00", "1998-01-29T09:00", "1998-03-03T09:00"] },
  { name: "testYearlyByMonthAndNWeekDayLarge", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;BYMONTH=1,3;BYDAY=3TU,-3TH", expected: ["1998-01-15T09:00", "1998-01-20T09:00", "1998-03-12T09:00"] },
  { name: "testYearlyByMonthDayAndWeekDay", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;BYMONTHDAY=1,3;BYDAY=TU,TH", expected: ["1998-01-01T09:00", "1998-02-03T09:00", "1998-03-03T09:00"] },
  { name: "testYearlyByMonthAndMonthDayAndWeekDay", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;BYMONTH=1,3;BYMONTHDAY=1,3;BYDAY=TU,TH", expected: ["1998-01-01T09:00", "1998-03-03T09:00", "2001-03-01T09:00"] },
  { name: "testYearlyByYearDay", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=4;BYYEARDAY=1,100,200,365", expected: ["1997-12-31T09:00", "1998-01-01T09:00", "1998-04-10T09:00", "1998-07-19T09:00"] },
  { name: "testYearlyByYearDayNeg", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=4;BYYEARDAY=-365,-266,-166,-1", expected: ["1997-12-31T09:00", "1998-01-01T09:00", "1998-04-10T09:00", "1998-07-19T09:00"] },
  { name: "testYearlyByMonthAndYearDay", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=4;BYMONTH=4,7;BYYEARDAY=1,100,200,365", expected: ["1998-04-10T09:00", "1998-07-19T09:00", "1999-04-10T09:00", "1999-07-19T09:00"] },
  { name: "testYearlyByMonthAndYearDayNeg", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=4;BYMONTH=4,7;BYYEARDAY=-365,-266,-166,-1", expected: ["1998-04-10T09:00", "1998-07-19T09:00", "1999-04-10T09:00", "1999-07-19T09:00"] },
  { name: "testYearlyByWeekNo", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;BYWEEKNO=20", expected: ["1998-05-11T09:00", "1998-05-12T09:00", "1998-05-13T09:00"] },
  { name: "testYearlyByWeekNoAndWeekDay", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;BYWEEKNO=1;BYDAY=MO", expected: ["1997-12-29T09:00", "1999-01-04T09:00", "2000-01-03T09:00"] },
  { name: "testYearlyByWeekNoAndWeekDayLarge", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;BYWEEKNO=52;BYDAY=SU", expected: ["1997-12-28T09:00", "1998-12-27T09:00", "2000-01-02T09:00"] },
  { name: "testYearlyByWeekNoAndWeekDayLast", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;BYWEEKNO=-1;BYDAY=SU", expected: ["1997-12-28T09:00", "1999-01-03T09:00", "2000-01-02T09:00"] },
  { name: "testYearlyByWeekNoAndWeekDay53", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;BYWEEKNO=53;BYDAY=MO", expected: ["1998-12-28T09:00", "2004-12-27T09:00", "2009-12-28T09:00"] },
  { name: "testYearlyByHour", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;BYHOUR=6,18", expected: ["1997-09-02T18:00", "1998-09-02T06:00", "1998-09-02T18:00"] },
  { name: "testYearlyByMinute", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;BYMINUTE=6,18", expected: ["1997-09-02T09:06", "1997-09-02T09:18", "1998-09-02T09:06"] },
  { name: "testYearlyBySecond", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;BYSECOND=6,18", refused: "BYSECOND is not supported" },
  { name: "testYearlyByHourAndMinute", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;BYHOUR=6,18;BYMINUTE=6,18", expected: ["1997-09-02T18:06", "1997-09-02T18:18", "1998-09-02T06:06"] },
  { name: "testYearlyBySetPos", start: "1997-09-02T09:00", rule: "FREQ=YEARLY;COUNT=3;BYMONTHDAY=15;BYHOUR=6,18;BYSETPOS=3,-3", expected: ["1997-11-15T18:00", "1998-02-15T06:00", "1998-11-15T18:00"] },
  { name: "testMonthly", start: "1997-09-02T09:00", rule: "FREQ=MONTHLY;COUNT=3", expected: ["1997-09-02T09:00", "1997-10-02T09:00", "1997-11-02T09:00"] },
  { name: "testMonthlyInterval", start: "1997-09-02T09:00", rule: "FREQ=MONTHLY;COUNT=3;INTERVAL=2", expected: ["1997-09-02T09:00", "1997-11-02T09:00", "1998-01-02T09:00"] },
  { name: "testMonthlyIntervalLarge", start: "1997-09-02T09:00", rule: "FREQ=MONTHLY;COUNT=3;INTERVAL=18", expected: ["1997-09-02T09:00", "1999-03-02T09:00", "2000-09-02T09:00"] },
  { name: "testMonthlyByMonth", start: "1997-09-02T09:00", rule: "FREQ=MONTHLY;COUNT=3;BYMONTH=1,3", expected: ["1998-01-02T09:00", "1998-03-02T09:00", "1999-01-02T09:00"] },
  { name: "testMonthlyByMonthDay", start: "1997-09-02T09:00", rule: "FREQ=MONTHLY;COUNT=3;BYMONTHDAY=1,3", expected: ["1997-09-03T09:00", "1997-10-01T09:00", "1997-10-03T09:00"] },
  { name: "testMonthlyByMonthAndMonthDay", start: "1997-09-02T09:00", rule: "FREQ=MONTHLY;COUNT=3;BYMONTH=1,3;BYMONTHDAY=5,7", expected: ["1998-01-05T09:00", "1998-01-07T09:00", "1998-03-05T09:00"] },
  { name: "testMonthlyByWeekDay", start: "1997-09-02T09:00", rule: "FREQ=MONTHLY;COUNT=3;BYDAY=TU,TH", expected: ["1997-09-02T09:00", "1997-09-04T09:00", "1997-09-09T09:00"] },
  { name: "testMonthlyByNWeekDay", start: "1997-09-02T09:00", rule: "FREQ=MONTHLY;COUNT=3;BYDAY=1TU,-1TH", expected: ["1997-09-02T09:00", "1997-09-25T09:00", "1997-10-07T09:00"] },
  { name: "testMonthlyByNWeekDayLarge", start: "1997-09-02T09:00", rule: "FREQ=MONTHLY;COUNT=3;BYDAY=3TU,-3TH", expected: ["1997-09-11T09:00", "1997-09-16T09:00", "1997-10-16T09:00"] },
  { name: "testMonthlyByMonthAndWeekDay", start: "1997-09-02T09:00", rule: "FREQ=MONTHLY;COUNT=3;BYMONTH=1,3;BYDAY=TU,TH", expected: ["1998-01-01T09:00", "1998-01-06T09:00", "1998-01-08T09:00"] },
  { name: "testMonthlyByMonthAndNWeekDay", start: "1997-09-02T09:00", rule: "FREQ=MONTHLY;COUNT=3;BYMONTH=1,3;BYDAY=1TU,-1TH", expected: ["1998-01-06T09:00", "1998-01-29T09:00", "1998-03-03T09:00"] },
  { name: "testMonthlyByMonthAndNWeekDayLarge", start: "1997-09-02T09:00", rule: "FREQ=MONTHLY;COUNT=3;BYMONTH=1,3;BYDAY=3TU,-3TH", expected: ["1998-01-15T09:00", "1998-01-20T09:00", "1998-03-12T09:00"] },
  { name: "testMonthlyByMonthDayAndWeekDay", start: "1997-09-02T09:00", rule: "FREQ=MONTHLY;COUNT=3;BYMONTHDAY=1,3;BYDAY=TU,TH", expected: ["1998-01-01T09:00", "1998-02-03T09:00", "1998-03-03T09:00"] },
  { name: "testMonthlyByMonthAndMonthDayAndWeekDay", start: "1997-09-02T09:00", rule: "FREQ=MONTHLY;COUNT=3;BYMONTH=1,3;BYMONTHDAY=1,3;BYDAY=TU,TH", expected: ["1998-01-01T09:00", "1998-03-03T09:00", "2001-03-01T09:00"] },
  { name: "testMonthlyByYearDay", start: "1997-09-02T09:00", rule: "FREQ=MONTHLY;COUNT=4;BYYEARDAY=1,100,200,365", refused: "BYYEARDAY cannot be used with FREQ=MONTHLY" },
  { name: "testMonthlyByWeekNo", start: "1997-09-02T09:00", rule: "FREQ=MONTHLY;COUNT=3;BYWEEKNO=20", refused: "BYWEEKNO only works with FREQ=YEARLY" },
  { name: "testMonthlyByHour", start: "1997-09-02T09:00", rule: "FREQ=MONTHLY;COUNT=3;BYHOUR=6,18", expected: ["1997-09-02T18:00", "1997-10-02T06:00", "1997-10-02T18:00"] },
  { name: "testMonthlyByMinute", start: "1997-09-02T09:00", rule: "FREQ=MONTHLY;COUNT=3;BYMINUTE=6,18", expected: ["1997-09-02T09:06", "1997-09-02T09:18", "1997-10-02T09:06"] },
  { name: "testMonthlyBySecond", start: "1997-09-02T09:00", rule: "FREQ=MONTHLY;COUNT=3;BYSECOND=6,18", refused: "BYSECOND is not supported" },
  { name: "testMonthlyByHourAndMinute", start: "1997-09-02T09:00", rule: "FREQ=MONTHLY;COUNT=3;BYHOUR=6,18;BYMINUTE=6,18", expected: ["1997-09-02T18:06", "1997-09-02T18:18", "1997-10-02T06:06"] },
  { name: "testMonthlyBySetPos", start: "1997-09-02T09:00", rule: "FREQ=MONTHLY;COUNT=3;BYMONTHDAY=13,17;BYHOUR=6,18;BYSETPOS=3,-3", expected: ["1997-09-13T18:00", "1997-09-17T06:00", "1997-10-13T18:00"] },
  { name: "testWeekly", start: "1997-09-02T09:00", rule: "FREQ=WEEKLY;COUNT=3", expected: ["1997-09-02T09:00", "1997-09-09T09:00", "1997-09-16T09:00"] },
  { name: "testWeeklyInterval", start: "1997-09-02T09:00", rule: "FREQ=WEEKLY;COUNT=3;INTERVAL=2", expected: ["1997-09-02T09:00", "1997-09-16T09:00", "1997-09-30T09:00"] },
  { name: "testWeeklyIntervalLarge", start: "1997-09-02T09:00", rule: "FREQ=WEEKLY;COUNT=3;INTERVAL=20", expected: ["1997-09-02T09:00", "1998-01-20T09:00", "1998-06-09T09:00"] },
  { name: "testWeeklyByMonth", start: "1997-09-02T09:00", rule: "FREQ=WEEKLY;COUNT=3;BYMONTH=1,3", expected: ["1998-01-06T09:00", "1998-01-13T09:00", "1998-01-20T09:00"] },
  { name: "testWeeklyByMonthDay", start: "1997-09-02T09:00", rule: "FREQ=WEEKLY;COUNT=3;BYMONTHDAY=1,3", refused: "BYMONTHDAY cannot be used with FREQ=WEEKLY" },
  { name: "testWeeklyByWeekDay", start: "1997-09-02T09:00", rule: "FREQ=WEEKLY;COUNT=3;BYDAY=TU,TH", expected: ["1997-09-02T09:00", "1997-09-04T09:00", "1997-09-09T09:00"] },
  { name: "testWeeklyByNWeekDay", start: "1997-09-02T09:00", rule: "FREQ=WEEKLY;COUNT=3;BYDAY=1TU,-1TH", refused: "a number before the weekday only works with FREQ=MONTHLY or FREQ=YEARLY" },
  { name: "testWeeklyByMonthAndWeekDay", start: "1997-09-02T09:00", rule: "FREQ=WEEKLY;COUNT=3;BYMONTH=1,3;BYDAY=TU,TH", expected: ["1998-01-01T09:00", "1998-01-06T09:00", "1998-01-08T09:00"] },
  { name: "testWeeklyByYearDay", start: "1997-09-02T09:00", rule: "FREQ=WEEKLY;COUNT=4;BYYEARDAY=1,100,200,365", refused: "BYYEARDAY cannot be used with FREQ=WEEKLY" },
  { name: "testWeeklyByWeekNo", start: "1997-09-02T09:00", rule: "FREQ=WEEKLY;COUNT=3;BYWEEKNO=20", refused: "BYWEEKNO only works with FREQ=YEARLY" },
  { name: "testWeeklyByHour", start: "1997-09-02T09:00", rule: "FREQ=WEEKLY;COUNT=3;BYHOUR=6,18", expected: ["1997-09-02T18:00", "1997-09-09T06:00", "1997-09-09T18:00"] },
  { name: "testWeeklyByMinute", start: "1997-09-02T09:00", rule: "FREQ=WEEKLY;COUNT=3;BYMINUTE=6,18", expected: ["1997-09-02T09:06", "1997-09-02T09:18", "1997-09-09T09:06"] },
  { name: "testWeeklyByHourAndMinute", start: "1997-09-02T09:00", rule: "FREQ=WEEKLY;COUNT=3;BYHOUR=6,18;BYMINUTE=6,18", expected: ["1997-09-02T18:06", "1997-09-02T18:18", "1997-09-09T06:06"] },
  { name: "testWeeklyBySetPos", start: "1997-09-02T09:00", rule: "FREQ=WEEKLY;COUNT=3;BYDAY=TU,TH;BYHOUR=6,18;BYSETPOS=3,-3", expected: ["1997-09-02T18:00", "1997-09-04T06:00", "1997-09-09T18:00"] },
  { name: "testDaily", start: "1997-09-02T09:00", rule: "FREQ=DAILY;COUNT=3", expected: ["1997-09-02T09:00", "1997-09-03T09:00", "1997-09-04T09:00"] },
  { name: "testDailyInterval", start: "1997-09-02T09:00", rule: "FREQ=DAILY;COUNT=3;INTERVAL=2", expected: ["1997-09-02T09:00", "1997-09-04T09:00", "1997-09-06T09:00"] },
  { name: "testDailyIntervalLarge", start: "1997-09-02T09:00", rule: "FREQ=DAILY;COUNT=3;INTERVAL=92", expected: ["1997-09-02T09:00", "1997-12-03T09:00", "1998-03-05T09:00"] },
  { name: "testDailyByMonth", start: "1997-09-02T09:00", rule: "FREQ=DAILY;COUNT=3;BYMONTH=1,3", expected: ["1998-01-01T09:00", "1998-01-02T09:00", "1998-01-03T09:00"] },
  { name: "testDailyByMonthDay", start: "1997-09-02T09:00", rule: "FREQ=DAILY;COUNT=3;BYMONTHDAY=1,3", expected: ["1997-09-03T09:00", "1997-10-01T09:00", "1997-10-03T09:00"] },
  { name: "testDailyByMonthAndMonthDay", start: "1997-09-02T09:00", rule: "FREQ=DAILY;COUNT=3;BYMONTH=1,3;BYMONTHDAY=5,7", expected: ["1998-01-05T09:00", "1998-01-07T09:00", "1998-03-05T09:00"] },
  { name: "testDailyByWeekDay", start: "1997-09-02T09:00", rule: "FREQ=DAILY;COUNT=3;BYDAY=TU,TH", expected: ["1997-09-02T09:00", "1997-09-04T09:00", "1997-09-09T09:00"] },
  { name: "testDailyByNWeekDay", start: "1997-09-02T09:00", rule: "FREQ=DAILY;COUNT=3;BYDAY=1TU,-1TH", refused: "a number before the weekday only works with FREQ=MONTHLY or FREQ=YEARLY" },
  { name: "testDailyByMonthAndWeekDay", start: "1997-09-02T09:00", rule: "FREQ=DAILY;COUNT=3;BYMONTH=1,3;BYDAY=TU,TH", expected: ["1998-01-01T09:00", "1998-01-06T09:00", "1998-01-08T09:00"] },
  { name: "testDailyByMonthDayAndWeekDay", start: "1997-09-02T09:00", rule: "FREQ=DAILY;COUNT=3;BYMONTHDAY=1,3;BYDAY=TU,TH", expected: ["1998-01-01T09:00", "1998-02-03T09:00", "1998-03-03T09:00"] },
  { name: "testDailyByMonthAndMonthDayAndWeekDay", start: "1997-09-02T09:00", rule: "FREQ=DAILY;COUNT=3;BYMONTH=1,3;BYMONTHDAY=1,3;BYDAY=TU,TH", expected: ["1998-01-01T09:00", "1998-03-03T09:00", "2001-03-01T09:00"] },
  { name: "testDailyByYearDay", start: "1997-09-02T09:00", rule: "FREQ=DAILY;COUNT=4;BYYEARDAY=1,100,200,365", refused: "BYYEARDAY cannot be used with FREQ=DAILY" },
  { name: "testDailyByWeekNo", start: "1997-09-02T09:00", rule: "FREQ=DAILY;COUNT=3;BYWEEKNO=20", refused: "BYWEEKNO only works with FREQ=YEARLY" },
  { name: "testDailyByHour", start: "1997-09-02T09:00", rule: "FREQ=DAILY;COUNT=3;BYHOUR=6,18", expected: ["1997-09-02T18:00", "1997-09-03T06:00", "1997-09-03T18:00"] },
  { name: "testDailyByMinute", start: "1997-09-02T09:00", rule: "FREQ=DAILY;COUNT=3;BYMINUTE=6,18", expected: ["1997-09-02T09:06", "1997-09-02T09:18", "1997-09-03T09:06"] },
  { name: "testDailyBySecond", start: "1997-09-02T09:00", rule: "FREQ=DAILY;COUNT=3;BYSECOND=6,18", refused: "BYSECOND is not supported" },
  { name: "testDailyByHourAndMinute", start: "1997-09-02T09:00", rule: "FREQ=DAILY;COUNT=3;BYHOUR=6,18;BYMINUTE=6,18", expected: ["1997-09-02T18:06", "1997-09-02T18:18", "1997-09-03T06:06"] },
  { name: "testDailyBySetPos", start: "1997-09-02T09:00", rule: "FREQ=DAILY;COUNT=3;BYHOUR=6,18;BYMINUTE=15,45;BYSETPOS=3,-3", expected: ["1997-09-02T18:15", "1997-09-03T06:45", "1997-09-03T18:15"] },
  { name: "testHourly", start: "1997-09-02T09:00", rule: "FREQ=HOURLY;COUNT=3", expected: ["1997-09-02T09:00", "1997-09-02T10:00", "1997-09-02T11:00"] },
  { name: "testHourlyInterval", start: "1997-09-02T09:00", rule: "FREQ=HOURLY;COUNT=3;INTERVAL=2", expected: ["1997-09-02T09:00", "1997-09-02T11:00", "1997-09-02T13:00"] },
  { name: "testHourlyIntervalLarge", start: "1997-09-02T09:00", rule: "FREQ=HOURLY;COUNT=3;INTERVAL=769", expected: ["1997-09-02T09:00", "1997-10-04T10:00", "1997-11-05T11:00"] },
  { name: "testHourlyByMonth", start: "1997-09-02T09:00", rule: "FREQ=HOURLY;COUNT=3;BYMONTH=1,3", expected: ["1998-01-01T00:00", "1998-01-01T01:00", "1998-01-01T02:00"] },
  { name: "testHourlyByMonthDay", start: "1997-09-02T09:00", rule: "FREQ=HOURLY;COUNT=3;BYMONTHDAY=1,3", expected: ["1997-09-03T00:00", "1997-09-03T01:00", "1997-09-03T02:00"] },
];
