// Collects every problem of a site folder, so a person can fix them all in one go.
import type { ConfigError, SiteFileName } from '../model';
import { SITE_FILES } from '../model';

export class ProblemReport {
  readonly errors: ConfigError[] = [];
  readonly warnings: ConfigError[] = [];

  error(file: SiteFileName, path: string, message: string): void {
    this.errors.push({ file, path, message });
  }

  warning(file: SiteFileName, path: string, message: string): void {
    this.warnings.push({ file, path, message });
  }

  /** Runs one step; a crash in it becomes an error instead of hiding the problems other steps find. */
  guard(file: SiteFileName, step: string, run: () => void): void {
    try {
      run();
    } catch (error) {
      this.error(file, '', `internal error while ${step}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Errors in file order (site, spaces, organisations, activities), then by path, numbers numerically. */
export function sortProblems(problems: readonly ConfigError[]): ConfigError[] {
  const fileRank = (file: string) => {
    const rank = SITE_FILES.indexOf(file as SiteFileName);
    return rank === -1 ? SITE_FILES.length : rank;
  };
  return [...problems].sort((a, b) => fileRank(a.file) - fileRank(b.file) || a.path.localeCompare(b.path, 'en', { numeric: true }));
}
