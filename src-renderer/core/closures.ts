// Which site closures a visitor should hear about. The expansion (core/schedule.ts) already leaves
// out the sessions on closed days; these say why, on the screens where the gap shows. Kept apart
// from the expansion so the visitor screens can ask without loading it.
import type { Closure } from './model';
import { localDayKey } from './timing';

interface ClosingSite {
  timeZone: string;
  closures: readonly Closure[];
}

/** The closure whose days include the local day of an instant. */
export function closureOn(site: ClosingSite, ms: number): Closure | undefined {
  const day = localDayKey(ms, site.timeZone);
  return site.closures.find((closure) => closure.from <= day && day <= closure.until);
}

/** The closures with a local day in [fromMs, toMs), in the order the config lists them. */
export function closuresBetween(site: ClosingSite, fromMs: number, toMs: number): Closure[] {
  if (!(toMs > fromMs)) return [];
  const first = localDayKey(fromMs, site.timeZone);
  const last = localDayKey(toMs - 1, site.timeZone);
  return site.closures.filter((closure) => closure.from <= last && closure.until >= first);
}
