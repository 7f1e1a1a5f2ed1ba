// The pass/fail rule for the Electronegativity scan. Electronegativity itself exits 0 whatever it
// finds, so this gate reads its findings and fails on anything HIGH or MEDIUM.

export const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const FAILING_SEVERITIES: readonly Severity[] = ['HIGH', 'MEDIUM'];

export interface Finding {
  id: string;
  severity: Severity;
  confidence: string;
  file: string;
  line: number;
  column: number;
  description: string;
  manualReview: boolean;
}

/** A file Electronegativity could not parse is a file it did not check. */
export interface ScanError {
  file: string;
  message: string;
  tolerable: boolean;
}

/** Checks left out of the scan, each with the reason printed next to the result. */
export const EXCLUDED_CHECKS: Readonly<Record<string, string>> = {
  AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK:
    "needs the network (it downloads Electron's release list); this machine reaches only the npm registry. Upgrade Electron on its release schedule instead.",
};

export interface GateResult {
  passed: boolean;
  counts: Record<Severity, number>;
  failing: Finding[];
  untolerableErrors: ScanError[];
}

export function evaluateGate(findings: readonly Finding[], errors: readonly ScanError[] = []): GateResult {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  for (const finding of findings) counts[finding.severity] += 1;
  const failing = findings.filter((finding) => FAILING_SEVERITIES.includes(finding.severity));
  const untolerableErrors = errors.filter((error) => !error.tolerable);
  return { passed: failing.length === 0 && untolerableErrors.length === 0, counts, failing, untolerableErrors };
}

/** Electronegativity's programmatic issue (severity/confidence are objects with a `name`) → Finding. */
export function toFinding(issue: unknown): Finding {
  const raw = (issue ?? {}) as Record<string, unknown>;
  const severityName = String(nameOf(raw.severity)).toUpperCase();
  const location = (raw.location ?? {}) as Record<string, unknown>;
  return {
    id: String(raw.id ?? 'UNKNOWN_CHECK'),
    // An unknown severity is treated as the worst case, never silently as a pass.
    severity: (SEVERITIES as readonly string[]).includes(severityName) ? (severityName as Severity) : 'HIGH',
    confidence: String(nameOf(raw.confidence)).toUpperCase(),
    file: String(raw.file ?? 'N/A'),
    line: Number(location.line ?? 0),
    column: Number(location.column ?? 0),
    description: String(raw.description ?? ''),
    manualReview: raw.manualReview === true,
  };
}

function nameOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null && 'name' in value ? (value as { name: unknown }).name : value;
}

/** A plain-text table, most severe first. */
export function formatFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'No findings.';
  const sorted = [...findings].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.id.localeCompare(b.id));
  const rows = sorted.map((f) => [f.severity, f.confidence, f.id, `${f.file}:${f.line}:${f.column}`, f.description.replace(/\s+/g, ' ').slice(0, 100)]);
  const header = ['SEVERITY', 'CONFIDENCE', 'CHECK', 'WHERE', 'DESCRIPTION'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}
