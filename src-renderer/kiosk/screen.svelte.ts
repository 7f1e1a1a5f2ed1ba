// This screen's own settings, as a coordinator set them at the desk (ScreenRow, table `screens` of
// the change stream). The App follows the row of this screen in the copy and hands it in here;
// screens read the parts they show (the start language, "you are here", the notice, closed).
import type { ScreenRow } from '../core/hub/contract';
import type { PlanPoint } from '../core/model';
import { activeNotice } from '../core/screen';

class ScreenSettings {
  #row = $state.raw<ScreenRow | undefined>();

  get row(): ScreenRow | undefined {
    return this.#row;
  }

  set(row: ScreenRow | undefined): void {
    this.#row = row;
  }

  /** "You are here" on the site plan. */
  get here(): PlanPoint | undefined {
    return this.#row?.here;
  }

  /** Locked into the "closed" screen. */
  get closed(): boolean {
    return this.#row?.closed ?? false;
  }

  /** The notice for the attract screen at `now`, if one is set for that moment. */
  notice(now: number): string | undefined {
    return activeNotice(this.#row, now);
  }
}

export const screen = new ScreenSettings();
