/**
 * Cell compiler benchmark: warm compile time of a realistic 200-line cell.
 *
 *   npx tsx bench/compile.ts
 *
 * Compares the product pipeline (sucrase strips types → acorn + scope rewrite →
 * remapped source map) with the same pipeline using TypeScript's `ts.transpileModule`
 * as the first stage, plus each first stage alone. Prints a table and one JSON line.
 */
import os from 'node:os';
import { transform } from 'sucrase';
import type { EncodedSourceMap } from '@jridgewell/trace-mapping';
import { CellSyntaxError } from '../src/compile';
import { compileCellWith } from '../src/compile/compileCell';
import { stripTypesWithSucrase } from '../src/compile/stripTypesWithSucrase';
import { MLP_CELL } from '../src/compile/testing/mlpCell';
import type { StrippedCell } from '../src/compile/typeStripper';

const RUNS = 200;
const WARMUP = 100;
const TARGET_MEDIAN_MS = 5;

// Loaded only after the chosen pipeline is measured: TypeScript's large heap would slow
// the garbage collector for everything measured after it (the product never loads it).
let ts: typeof import('typescript');

/** The alternative first stage: TypeScript's single-file transpiler. */
function stripTypesWithTypeScript(source: string, filename: string): StrippedCell {
  ts ??= require('typescript') as typeof import('typescript');
  const out = ts.transpileModule(source, {
    fileName: filename,
    reportDiagnostics: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      sourceMap: true,
      verbatimModuleSyntax: true, // keep imports a cell does not use itself
      useDefineForClassFields: true,
    },
  });
  const diagnostic = out.diagnostics?.[0];
  if (diagnostic) {
    const at = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start ?? 0);
    throw new CellSyntaxError(filename, at.line + 1, at.character + 1, ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  }
  const trailer = out.outputText.lastIndexOf('//# sourceMappingURL=');
  return {
    code: trailer >= 0 ? out.outputText.slice(0, trailer) : out.outputText,
    map: JSON.parse(out.sourceMapText!) as EncodedSourceMap,
  };
}

interface Stats { median: number; p95: number; mean: number; min: number }

function measure(fn: () => unknown): Stats {
  for (let i = 0; i < WARMUP; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
  return { median: at(0.5), p95: at(0.95), mean: times.reduce((a, b) => a + b, 0) / times.length, min: times[0] };
}

const options = { filename: 'cell 1', known: new Set<string>() };
const sucraseCases: [string, () => unknown][] = [
  ['compileCell (sucrase pipeline, chosen)', () => compileCellWith(stripTypesWithSucrase, MLP_CELL, options)],
  ['stage: sucrase transform alone', () => transform(MLP_CELL, { transforms: ['typescript'], disableESTransforms: true, keepUnusedImports: true, filePath: 'c', sourceMapOptions: { compiledFilename: 'c' } })],
];
const typeScriptCases: [string, () => unknown][] = [
  ['compileCell (ts.transpileModule pipeline)', () => compileCellWith(stripTypesWithTypeScript, MLP_CELL, options)],
  ['stage: ts.transpileModule alone', () => stripTypesWithTypeScript(MLP_CELL, 'c')],
];
const results = [...sucraseCases, ...typeScriptCases].map(([name, fn]) => ({ name, ...measure(fn) }));

// Both pipelines must agree on what the cell declares for their times to be comparable.
const viaSucrase = compileCellWith(stripTypesWithSucrase, MLP_CELL, options);
const viaTs = compileCellWith(stripTypesWithTypeScript, MLP_CELL, options);
if (viaSucrase.declared.join() !== viaTs.declared.join()) {
  throw new Error(`pipelines disagree: ${viaSucrase.declared} vs ${viaTs.declared}`);
}

const lines = MLP_CELL.split('\n').length;
const fmt = (ms: number) => ms.toFixed(3).padStart(8);
// Wall-clock times: on a shared machine the load average explains a high p95.
const load = os.loadavg()[0];
console.log(`cell compile benchmark: ${lines}-line MLP cell, ${RUNS} warm runs after ${WARMUP} warm-up, node ${process.version}, ${os.cpus().length} cpus, load ${load.toFixed(2)}`);
console.log(`${'case'.padEnd(44)} ${'median ms'.padStart(9)} ${'p95 ms'.padStart(8)} ${'mean ms'.padStart(8)} ${'min ms'.padStart(8)}`);
for (const r of results) console.log(`${r.name.padEnd(44)} ${fmt(r.median).padStart(9)} ${fmt(r.p95)} ${fmt(r.mean)} ${fmt(r.min)}`);
const [chosen, , alternative] = results;
console.log(`target: median <= ${TARGET_MEDIAN_MS} ms -> ${chosen.median <= TARGET_MEDIAN_MS ? 'met' : 'MISSED'}; ts.transpileModule pipeline is ${(alternative.median / chosen.median).toFixed(1)}x slower`);
console.log(JSON.stringify({
  bench: 'compile',
  lines,
  runs: RUNS,
  node: process.version,
  cpus: os.cpus().length,
  loadAverage: +load.toFixed(2),
  results: results.map((r) => ({ name: r.name, medianMs: +r.median.toFixed(3), p95Ms: +r.p95.toFixed(3), meanMs: +r.mean.toFixed(3), minMs: +r.min.toFixed(3) })),
}));
