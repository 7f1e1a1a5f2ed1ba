// QR posters for staff to hang up: one per activity (its QR opens the activity on the follow-up page,
// `<base>#a/<id>`) or per space (the follow-up page has no space view, so its QR opens the site's
// follow-up home; the poster itself lists what happens in the space this week). The model is shown
// in the kiosk and also written as a self-contained HTML page (inline SVG QR, print CSS for A4),
// for when printing from the kiosk window is blocked.
import { localized, type MessageKey } from '../../core/i18n';
import type { Activity, Level, LevelId, Locale, Occurrence, Organisation, Space, Theme } from '../../core/model';
import { followUpActivityUrl } from '../../core/path-code';
import { formatDay, formatTime } from '../../core/timing';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface PosterModel {
  lang: Locale;
  siteName: string;
  title: string;
  /** Level and themes, or the space's building and floor. */
  tags: string[];
  /** Where: a space name or a partner's place. */
  place?: string;
  listTitle: string;
  /** One line per date: "zaterdag 28 maart · 14:00–16:00" (space posters add the activity). */
  lines: string[];
  emptyText: string;
  scanText: string;
  url: string;
}

export interface PosterContext {
  locale: Locale;
  defaultLocale: Locale;
  siteName: string;
  timeZone: string;
  followUpBaseUrl: string;
  levels: Record<LevelId, Level>;
  themes: readonly Theme[];
  t: Translate;
}

const MAX_LINES = 10;

export function activityPoster(activity: Activity, sessions: readonly Occurrence[], context: PosterContext, where: { space?: Space; organiser?: Organisation }): PosterModel {
  const text = (value: Parameters<typeof localized>[0]) => localized(value, context.locale, context.defaultLocale).text;
  const themes = activity.themes.flatMap((id) => context.themes.find((theme) => theme.id === id) ?? []).map((theme) => `${theme.icon} ${text(theme.name)}`.trim());
  const place = where.space ? text(where.space.name) : (activity.place ?? where.organiser?.place)?.name;
  return {
    lang: context.locale,
    siteName: context.siteName,
    title: text(activity.title) || activity.id,
    tags: [text(context.levels[activity.level].name), ...themes].filter(Boolean),
    ...(place ? { place } : {}),
    listTitle: context.t('tools.posters.next'),
    lines: sessions
      .filter((session) => session.activityId === activity.id)
      .slice(0, MAX_LINES)
      .map((session) => `${formatDay(session.start, context.timeZone, context.locale)} · ${timeRange(session, context)}`),
    emptyText: context.t('tools.posters.noDates'),
    scanText: context.t('tools.posters.scan'),
    url: followUpActivityUrl(context.followUpBaseUrl, activity.id),
  };
}

export function spacePoster(space: Space, sessions: readonly Occurrence[], activities: ReadonlyMap<string, Activity>, context: PosterContext): PosterModel {
  const text = (value: Parameters<typeof localized>[0]) => localized(value, context.locale, context.defaultLocale).text;
  const tags = [space.building, space.floor === undefined ? undefined : context.t('tools.posters.floor', { floor: space.floor })].filter((tag): tag is string => Boolean(tag));
  return {
    lang: context.locale,
    siteName: context.siteName,
    title: text(space.name) || space.id,
    tags,
    listTitle: context.t('tools.posters.thisWeek'),
    lines: sessions
      .filter((session) => (session.spaceId ?? activities.get(session.activityId)?.space) === space.id)
      .slice(0, MAX_LINES * 2)
      .map((session) => {
        const activity = activities.get(session.activityId);
        return `${formatDay(session.start, context.timeZone, context.locale)} · ${timeRange(session, context)} · ${activity ? text(activity.title) : session.activityId}`;
      }),
    emptyText: context.t('tools.posters.noDates'),
    scanText: context.t('tools.posters.scan'),
    url: homeUrl(context.followUpBaseUrl),
  };
}

/** The follow-up page's home: the base URL as configured, without any fragment. */
export function homeUrl(base: string): string {
  return base.split('#')[0] ?? base;
}

/** "poster-<id>.html", a plain name the publish folder accepts. */
export function posterFileName(kind: 'space' | 'activity', id: string): string {
  return `poster-${kind}-${id.replace(/[^a-z0-9-]/gi, '-').slice(0, 80)}.html`;
}

function timeRange(session: Occurrence, context: PosterContext): string {
  return `${formatTime(session.start, context.timeZone, context.locale)}–${formatTime(session.end, context.timeZone, context.locale)}`;
}

/** The CSS both the kiosk preview and the saved page use for paper: A4, 15 mm margins. */
export const POSTER_PRINT_CSS = '@page { size: A4; margin: 15mm; }';

/**
 * A complete HTML page: no script, no external resource, every text escaped; the QR is the SVG the
 * qrcode library produced (trusted: made here from the URL, never from the file or a partner).
 */
export function posterHtml(model: PosterModel, qrSvg: string): string {
  const list = model.lines.length > 0 ? `<ul>${model.lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>` : `<p class="empty">${escapeHtml(model.emptyText)}</p>`;
  return `<!doctype html>
<html lang="${escapeHtml(model.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(model.title)} — ${escapeHtml(model.siteName)}</title>
<style>
${POSTER_PRINT_CSS}
html { font-family: system-ui, 'Segoe UI', Roboto, 'Noto Sans', sans-serif; color: #1b1f24; }
body { margin: 0 auto; max-width: 180mm; }
.site { font-size: 14pt; color: #4a5360; margin: 0; }
h1 { font-size: 40pt; line-height: 1.1; margin: 4mm 0; }
.tags { font-size: 16pt; margin: 0 0 2mm; }
.place { font-size: 16pt; margin: 0 0 6mm; }
h2 { font-size: 18pt; margin: 6mm 0 2mm; }
ul { font-size: 14pt; padding-left: 6mm; margin: 0; }
.qr { display: flex; gap: 8mm; align-items: center; margin-top: 10mm; break-inside: avoid; }
.qr svg { width: 70mm; height: 70mm; flex: none; }
.scan { font-size: 18pt; font-weight: 600; margin: 0 0 3mm; }
.url { font-size: 11pt; word-break: break-all; margin: 0; }
</style>
</head>
<body>
<p class="site">${escapeHtml(model.siteName)}</p>
<h1>${escapeHtml(model.title)}</h1>
${model.tags.length > 0 ? `<p class="tags">${model.tags.map(escapeHtml).join(' · ')}</p>` : ''}
${model.place ? `<p class="place">${escapeHtml(model.place)}</p>` : ''}
<h2>${escapeHtml(model.listTitle)}</h2>
${list}
<div class="qr">${qrSvg}<div><p class="scan">${escapeHtml(model.scanText)}</p><p class="url">${escapeHtml(model.url)}</p></div></div>
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
