// `npm run security`: Electronegativity over the main process, the preload and the renderer
// sources, gated by scripts/security-gate.ts (fail on any HIGH or MEDIUM finding).
//
// The renderer is scanned too because that is where the page and its CSP <meta> live; the CSP
// response header is set by the hub app (src-hub/http/security.ts, served over app:// too) through a
// constant, which the tool cannot read.
// Sources are staged into a temporary folder so the scan sees exactly these folders, and the
// project's package.json so it knows the Electron version.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EXCLUDED_CHECKS, evaluateGate, formatFindings, toFinding, type ScanError } from './security-gate';

const root = resolve(import.meta.dirname, '..');
const SCANNED = ['src-main', 'src-renderer'];

interface RunnerResult {
  issues: unknown[];
  errors: ScanError[];
  globalChecks: number;
  atomicChecks: number;
}
type Runner = (options: Record<string, unknown>) => Promise<RunnerResult>;

async function main(): Promise<number> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies?: Record<string, string> };
  const electronVersion = pkg.devDependencies?.electron?.replace(/^[^\d]*/, '');
  const stage = mkdtempSync(join(tmpdir(), 'wegwijzer-security-'));
  try {
    for (const folder of SCANNED) cpSync(join(root, folder), join(stage, folder), { recursive: true });
    cpSync(join(root, 'package.json'), join(stage, 'package.json'));

    // Untyped CommonJS package; a variable specifier keeps TypeScript from looking for typings.
    const specifier = '@doyensec/electronegativity';
    const imported = (await import(specifier)) as { default: Runner };
    const run = imported.default;
    console.log(`Electronegativity on ${SCANNED.join(', ')} (Electron ${electronVersion ?? 'unknown'}); offline warnings about releases or translations are expected.`);
    for (const [check, reason] of Object.entries(EXCLUDED_CHECKS)) console.log(`Excluded ${check}: ${reason}`);

    const result = await run({
      input: stage,
      isRelative: true,
      // The runner names checks by class (AvailableSecurityFixesGlobalCheck), lower-cased.
      excludeFromScan: Object.keys(EXCLUDED_CHECKS).map((check) => check.replaceAll('_', '').toLowerCase()),
      electronVersionOverride: electronVersion,
    });
    const findings = result.issues.map(toFinding);
    const gate = evaluateGate(findings, result.errors);

    console.log(`\n${result.atomicChecks} atomic and ${result.globalChecks} global checks ran.\n`);
    console.log(formatFindings(findings));
    for (const error of result.errors) console.log(`${error.tolerable ? 'parse warning' : 'PARSE ERROR'}: ${error.file}: ${error.message}`);
    console.log(`\nFindings: ${Object.entries(gate.counts).map(([severity, count]) => `${severity} ${count}`).join(', ')}`);
    if (!gate.passed) {
      console.error(
        `Security gate FAILED: ${gate.failing.length} HIGH/MEDIUM finding(s)` +
          (gate.untolerableErrors.length ? ` and ${gate.untolerableErrors.length} file(s) that could not be parsed` : '') +
          '. Fix the code; suppress only a proven false positive with /* eng-disable CHECK_ID */ and a comment saying why.',
      );
      return 1;
    }
    console.log('Security gate passed: no HIGH or MEDIUM findings.');
    return 0;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
