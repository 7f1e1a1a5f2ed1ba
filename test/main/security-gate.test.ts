import { describe, expect, it } from 'vitest';
import { EXCLUDED_CHECKS, evaluateGate, formatFindings, toFinding, type Finding } from '../../scripts/security-gate';

const finding = (severity: Finding['severity'], id = `${severity}_CHECK`): Finding => ({
  id,
  severity,
  confidence: 'FIRM',
  file: 'src-main/index.ts',
  line: 1,
  column: 0,
  description: 'd',
  manualReview: false,
});

describe('evaluateGate', () => {
  it('passes with no findings, or only LOW and INFORMATIONAL ones', () => {
    expect(evaluateGate([]).passed).toBe(true);
    const result = evaluateGate([finding('LOW'), finding('INFORMATIONAL'), finding('INFORMATIONAL')]);
    expect(result.passed).toBe(true);
    expect(result.counts).toEqual({ HIGH: 0, MEDIUM: 0, LOW: 1, INFORMATIONAL: 2 });
  });

  it('fails on any MEDIUM or HIGH finding', () => {
    expect(evaluateGate([finding('LOW'), finding('MEDIUM')]).passed).toBe(false);
    expect(evaluateGate([finding('HIGH')]).passed).toBe(false);
    expect(evaluateGate([finding('HIGH'), finding('MEDIUM'), finding('LOW')]).failing.map((f) => f.severity)).toEqual(['HIGH', 'MEDIUM']);
  });

  it('fails when a file could not be parsed (it was not checked), not on tolerable warnings', () => {
    expect(evaluateGate([], [{ file: 'a.ts', message: 'warning', tolerable: true }]).passed).toBe(true);
    expect(evaluateGate([], [{ file: 'a.ts', message: 'Unexpected token', tolerable: false }]).passed).toBe(false);
  });
});

describe('toFinding', () => {
  it("reads Electronegativity's issue objects", () => {
    const issue = {
      id: 'SANDBOX_JS_CHECK',
      severity: { value: 2, name: 'MEDIUM', format: () => 'MEDIUM' },
      confidence: { value: 1, name: 'FIRM' },
      file: 'src-main/window.ts',
      location: { line: 12, column: 4 },
      description: 'Use sandbox for untrusted origins',
      manualReview: false,
    };
    expect(toFinding(issue)).toEqual({ id: 'SANDBOX_JS_CHECK', severity: 'MEDIUM', confidence: 'FIRM', file: 'src-main/window.ts', line: 12, column: 4, description: 'Use sandbox for untrusted origins', manualReview: false });
  });

  it('treats an unknown or missing severity as HIGH, never as a pass', () => {
    expect(toFinding({ id: 'X', severity: { name: 'CRITICAL' } }).severity).toBe('HIGH');
    expect(toFinding({}).severity).toBe('HIGH');
    expect(evaluateGate([toFinding(null)]).passed).toBe(false);
  });
});

describe('formatFindings', () => {
  it('prints the most severe first', () => {
    const table = formatFindings([finding('LOW', 'A'), finding('HIGH', 'B'), finding('MEDIUM', 'C')]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^SEVERITY/);
    expect(lines.slice(2).map((line) => line.split(/\s+/)[0])).toEqual(['HIGH', 'MEDIUM', 'LOW']);
    expect(formatFindings([])).toBe('No findings.');
  });
});

describe('EXCLUDED_CHECKS', () => {
  it('excludes only the network-bound check, with a reason', () => {
    expect(Object.keys(EXCLUDED_CHECKS)).toEqual(['AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK']);
    expect(EXCLUDED_CHECKS.AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK).toMatch(/network/);
  });
});
