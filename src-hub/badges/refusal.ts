// A badge request refused for a badge rule, in words a host or a phone's holder can act on; the HTTP
// layer answers it as `{ error: 'badge-refused', reason, message }`.
import type { BadgeRefusalReason } from '../../src-renderer/core/hub/contract';

export class BadgeRefused extends Error {
  override readonly name = 'BadgeRefused';
  constructor(
    readonly status: 400 | 409,
    readonly reason: BadgeRefusalReason,
    message: string,
  ) {
    super(message);
  }
}
