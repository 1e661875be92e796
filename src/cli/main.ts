/**
 * `nnbook run <file.nnbook>`: executes a notebook headless with the node kernel.
 * Exit status: 0 every code cell ran, 1 a cell failed, 2 bad input (nothing written).
 */
import * as fs from 'fs';
import * as path from 'path';
import { NnbookFormatError, parseNotebook, serializeNotebook } from '../format';
import { KernelSession } from '../kernel/KernelSession';
import { NodeKernel } from '../kernel/NodeKernel';
import { parseArgs, UsageError, USAGE, type RunArgs } from './parseArgs';
import { runNotebook } from './runNotebook';
import { writeFileAtomic } from './writeFileAtomic';

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) { process.stdout.write(USAGE + '\n'); return 0; }
  let args: RunArgs;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) { process.stderr.write(`nnbook: ${err.message}\n\n${USAGE}\n`); return 2; }
    throw err;
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(args.file);
  } catch (err) {
    process.stderr.write(`nnbook: cannot read ${args.file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
    return 2;
  }
  let nb;
  try {
    nb = parseNotebook(bytes);
  } catch (err) {
    if (err instanceof NnbookFormatError) { process.stderr.write(`${args.file}: ${err.message}\n`); return 2; }
    throw err;
  }

  const workspaceRoot = path.resolve(args.workspace ?? path.dirname(args.file));
  if (!fs.statSync(workspaceRoot, { throwIfNoEntry: false })?.isDirectory()) {
    process.stderr.write(`nnbook: --workspace ${args.workspace}: not a folder\n`);
    return 2;
  }
  const session = new KernelSession(new NodeKernel({ workerPath: path.join(__dirname, 'kernel-node.js'), backend: args.backend, workspaceRoot, log: (l) => process.stderr.write(l) }));
  const codeCells = nb.cells.filter((c) => c.kind === 'code').length;
  let failed = false;
  try {
    const info = await session.start();
    process.stderr.write(`nnbook: ${path.basename(args.file)}: ${codeCells} code cells, kernel ${info.detail}\n`);
    let n = 0;
    const reports = await runNotebook(nb, session, {
      timeoutMs: args.timeoutS ? args.timeoutS * 1000 : undefined,
      onStream: args.verbose ? (_i, name, text) => (name === 'stdout' ? process.stdout : process.stderr).write(text) : undefined,
      onCellEnd: ({ index, result }) => {
        n++;
        const ms = result.status === 'cancelled' ? 0 : result.ms;
        const status = result.status === 'ok' ? 'ok' : result.status === 'error' ? `FAILED ${result.name}` : result.status;
        process.stdout.write(`[${String(n).padStart(String(codeCells).length)}/${codeCells}] cell ${index + 1}  ${(ms / 1000).toFixed(2)} s  ${status}\n`);
        if (result.status === 'error') process.stderr.write(`nnbook: cell ${index + 1} failed:\n${result.stack || `${result.name}: ${result.message}`}\n`);
        if (result.status === 'interrupted') process.stderr.write(`nnbook: cell ${index + 1} was interrupted (${result.how})\n`);
      },
    });
    failed = reports.some((r) => r.result.status !== 'ok');
  } finally {
    session.dispose();
  }
  const target = args.inplace ? args.file : args.out;
  if (target) writeFileAtomic(target, serializeNotebook(nb));
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => { process.stderr.write(`nnbook: internal error: ${err?.stack ?? err}\n`); process.exit(3); },
);
