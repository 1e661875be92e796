/**
 * Extension-host test entry: VS Code loads the bundle of this file (out/test/integration.js,
 * built by esbuild.js) as `extensionTestsPath` and awaits `run()`. The same bundle runs
 * under @vscode/test-electron (test/integration/runElectron.js) and inside code-server
 * (test/e2e/ext-tests.js, via the workbench URL payload).
 *
 * Suites are imported statically so esbuild bundles them (there is no file system walk);
 * each exports a function that declares its mocha suites once mocha's tdd globals exist.
 *
 * Console: every line starts with `[nnbook-test]` (test/e2e/ext-tests.js picks these out of the
 * browser console, where code-server forwards the extension host's console).
 * Results: a line `integration: N passed, M failed` on the console, and, when the env
 * NNBOOK_TEST_RESULT names a file, a JSON summary there
 * (`{suite, passed, failed, tests: [{name, ok, ms, error?}]}`) — the extension host's
 * stdout is not reachable from every launcher, a file is.
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';
import { registerActivationSuite } from './activation.test';
import { registerFormatSuite } from './format.test';
import { registerKernelSuite } from './kernel.test';
import { registerWebviewKernelSuite } from './webviewKernel.test';
import { registerHostServicesSuite } from './hostServices.test';
import { say } from './helpers';

const SUITES: Array<() => void> = [registerActivationSuite, registerFormatSuite, registerKernelSuite, registerWebviewKernelSuite, registerHostServicesSuite];

interface TestRecord {
  name: string;
  ok: boolean;
  ms?: number;
  error?: string;
}

function writeResult(file: string | undefined, passed: number, failed: number, tests: TestRecord[]): void {
  if (!file) return;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ suite: 'integration', passed, failed, tests }, null, 2));
  } catch (e) {
    console.error(`integration: cannot write ${file}: ${e}`);
  }
}

/** One plain line per suite, pass and failure (no colours, no format strings: they survive forwarding). */
class LineReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.on('suite', (s: Mocha.Suite) => {
      if (s.title) say(s.title);
    });
    runner.on('pass', (t: Mocha.Test) => say(`  ✔ ${t.title} (${t.duration} ms)`));
    runner.on('fail', (t: Mocha.Runnable, err: { stack?: string; message?: string }) =>
      say(`  ✘ ${t.title}\n${String(err?.stack ?? err?.message ?? err).replace(/^/gm, '      ')}`),
    );
  }
}

export function run(): Promise<void> {
  const resultFile = process.env.NNBOOK_TEST_RESULT;
  const mocha = new Mocha({ ui: 'tdd', timeout: 120_000, color: false, reporter: LineReporter as unknown as string });
  const grep = process.env.NNBOOK_TEST_GREP;
  if (grep) mocha.grep(grep);
  // Install suite/test/setup/... as globals, then let every suite file declare its tests.
  mocha.suite.emit('pre-require', globalThis, 'nnbook-integration', mocha);
  for (const register of SUITES) register();

  const tests: TestRecord[] = [];
  return new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const passed = tests.filter((t) => t.ok).length;
        const failed = tests.length - passed;
        writeResult(resultFile, passed, failed, tests);
        say(`integration: ${passed} passed, ${failed} failed`);
        if (failures > 0 || failed > 0) reject(new Error(`${Math.max(failures, failed)} integration test(s) failed`));
        else resolve();
      });
      runner.on('pass', (t: Mocha.Test) => tests.push({ name: t.fullTitle(), ok: true, ms: t.duration }));
      // 'fail' also fires for failing hooks: they count as failures too.
      runner.on('fail', (t: Mocha.Runnable, err: unknown) => {
        const e = err as { stack?: string; message?: string } | undefined;
        tests.push({ name: t.fullTitle(), ok: false, ms: t.duration, error: String(e?.stack ?? e?.message ?? err) });
      });
    } catch (e) {
      writeResult(resultFile, 0, 1, [{ name: 'integration: mocha run', ok: false, error: String((e as Error)?.stack ?? e) }]);
      say('integration: 0 passed, 1 failed');
      reject(e);
    }
  });
}
