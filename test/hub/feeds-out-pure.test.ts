// The small pure pieces of the feeds out: ISO durations, offsets across DST, the JSON that goes
// inside a <script> block, HTML escaping, and hub-relative addresses made absolute.
import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript } from '../../src-hub/offer/activity-page';
import { absolutize, isoDuration, zoned } from '../../src-hub/offer/openactive';

describe('feeds out, pure parts', () => {
  it('writes ISO 8601 durations and zoned times with the offset of the day', () => {
    expect([0, 30, 60, 90, 120, 24 * 60].map((minutes) => isoDuration(minutes * 60_000))).toEqual(['PT0M', 'PT30M', 'PT1H', 'PT1H30M', 'PT2H', 'PT24H']);
    expect(zoned(Date.parse('2026-03-28T09:00:00Z'), 'Europe/Brussels')).toBe('2026-03-28T10:00:00+01:00');
    expect(zoned(Date.parse('2026-04-04T08:00:00Z'), 'Europe/Brussels')).toBe('2026-04-04T10:00:00+02:00');
  });

  it('keeps hostile text from closing a script block or opening a tag, and reads back the same', () => {
    const hostile = { name: '</script><script>alert(1)</script><!-- & \u2028' };
    const json = jsonForScript(hostile);
    expect(json).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(json)).toEqual(hostile);
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('makes only hub-relative addresses absolute, and only where an address belongs', () => {
    const data = { '@id': '/activity/a', url: 'https://elsewhere.example/x', name: '/not-an-address', superEvent: '/activity/a', subEvent: [{ '@id': '/activity/a#1' }], facilityUse: '//host/x' };
    expect(absolutize(data, 'https://hub.example')).toEqual({
      '@id': 'https://hub.example/activity/a',
      url: 'https://elsewhere.example/x',
      name: '/not-an-address',
      superEvent: 'https://hub.example/activity/a',
      subEvent: [{ '@id': 'https://hub.example/activity/a#1' }],
      facilityUse: '//host/x',
    });
  });
});
