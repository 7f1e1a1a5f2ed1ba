// Every refusal of the hub as JSON (`HubErrorBody`): the thrown refusals of the store and the HTTP
// layer's own (bad body, too large, wrong method), each with the status the contract names and a
// message a person can act on. Anything else is a 500 with a generic message; the details go to the log.
import * as v from 'valibot';
import { BookingNotFound, BookingRefused, ImportRefused, SeriesRefused } from '../../src-renderer/core/booking/errors';
import type { HubErrorBody } from '../../src-renderer/core/hub/contract';
import type { HubLog } from '../log';
import { AccessRefused } from '../auth/refusal';
import { BadgeRefused } from '../badges/refusal';
import { HubRequestError } from '../service';
import { securityHeaders } from './security';

type Issue = { path: string; message: string };

/** A refusal decided by the HTTP layer itself, thrown from deep inside a handler (body reading, validation). */
export class HttpRefusal extends Error {
  override readonly name = 'HttpRefusal';
  constructor(
    readonly status: number,
    readonly body: HubErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

export function errorResponse(status: number, body: HubErrorBody, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

export const badRequest = (message: string, issues?: Issue[]): HttpRefusal =>
  new HttpRefusal(400, issues ? { error: 'bad-request', message, issues } : { error: 'bad-request', message });

/** The answer for anything a handler threw. `what` names the request for the log. */
export function errorAnswer(error: unknown, what: string, log: HubLog): Response {
  if (error instanceof HttpRefusal) return errorResponse(error.status, error.body, error.headers);
  if (error instanceof AccessRefused) return errorResponse(error.status, error.body, error.headers);
  if (error instanceof BookingRefused) {
    return errorResponse(409, { error: 'booking-refused', message: error.message, violations: error.violations, nearest: error.nearest });
  }
  if (error instanceof BookingNotFound) return errorResponse(404, { error: 'not-found', message: error.message || 'No booking matches.' });
  if (error instanceof SeriesRefused) return errorResponse(409, { error: 'series-refused', message: error.message, conflicts: error.conflicts });
  if (error instanceof ImportRefused) return errorResponse(409, { error: 'import-refused', message: error.message });
  if (error instanceof BadgeRefused) return errorResponse(error.status, { error: 'badge-refused', reason: error.reason, message: error.message });
  if (error instanceof HubRequestError) return errorResponse(error.status, hubRequestErrorBody(error), error.status === 503 ? { 'Retry-After': '2' } : {});
  log.error('http', `${what} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return errorResponse(500, { error: 'internal', message: 'The hub could not handle this request. Nothing was changed; try again, and tell the site administrator if it keeps happening.' });
}

function hubRequestErrorBody(error: HubRequestError): HubErrorBody {
  switch (error.code) {
    case 'restore-refused':
      return { error: 'restore-refused', message: error.message, errors: error.errors ?? [] };
    case 'bad-request':
      return error.errors ? { error: 'bad-request', message: error.message, issues: error.errors } : { error: 'bad-request', message: error.message };
    default:
      return { error: error.code, message: error.message };
  }
}

const MAX_ISSUES = 20;

/**
 * A valibot refusal in words: "start: must be at least 0 (got -1)", "extra: unknown field". The first
 * issues go into `message` so that a log line or an alert already says what to fix.
 */
export function validationRefusal(what: string, issues: readonly v.BaseIssue<unknown>[]): HttpRefusal {
  const described = issues.slice(0, MAX_ISSUES).map(describeIssue);
  const summary = described
    .slice(0, 3)
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    .join('; ');
  const more = described.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return badRequest(`${what} was refused: ${summary}${more}.`, described);
}

export function describeIssue(issue: v.BaseIssue<unknown>): Issue {
  return { path: v.getDotPath(issue) ?? '', message: issueMessage(issue) };
}

function issueMessage(issue: v.BaseIssue<unknown>): string {
  const got = ` (got ${clip(issue.received)})`;
  if (issue.type === 'strict_object' && issue.expected === 'never') return 'unknown field; this request does not take it';
  if ((issue.type === 'strict_object' || issue.type === 'object') && issue.received === 'undefined') return 'missing; this field is required';
  if (issue.kind === 'schema') return `expected ${issue.expected ?? 'something else'}${got}`;
  switch (issue.type) {
    case 'min_value':
      return `must be at least ${issue.expected?.replace(/^>=/, '')}${got}`;
    case 'max_value':
      return `must be at most ${issue.expected?.replace(/^<=/, '')}${got}`;
    case 'integer':
      return `must be a whole number${got}`;
    case 'min_length':
      return `is too short: at least ${issue.expected?.replace(/^>=/, '')} characters or items`;
    case 'max_length':
      return `is too long: at most ${issue.expected?.replace(/^<=/, '')} characters or items`;
    case 'regex':
      // The contract gives its patterns a description ("a date as YYYY-MM-DD"); bare patterns keep valibot's words.
      return issue.message.startsWith('Invalid format') ? `has the wrong format${got}` : `must be ${issue.message}${got}`;
    default:
      return issue.message;
  }
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
