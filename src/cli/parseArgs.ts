/** `nnbook run <file.nnbook> [--out <file> | --inplace] [--timeout <s>] [--backend auto|wasm|cpu] [--workspace <dir>] [--verbose]` */
export interface RunArgs {
  file: string;
  out?: string;
  inplace: boolean;
  /** Per-cell limit in seconds; a cell running longer is interrupted and fails. */
  timeoutS?: number;
  backend: 'auto' | 'wasm' | 'cpu';
  /** Print what cells print, too. */
  verbose: boolean;
  /** The folder nn.files and nnbook:// models may use; defaults to the notebook's folder. */
  workspace?: string;
}

export class UsageError extends Error {}

export const USAGE = `usage: nnbook run <file.nnbook> [--out <file> | --inplace] [--timeout <seconds per cell>] [--backend auto|wasm|cpu] [--workspace <dir>] [--verbose]

Runs every code cell in order with the node kernel and prints one line per cell.
  --out <file>   write the executed notebook (with outputs) there
  --inplace      write it back to <file> (atomically: a failure never truncates it)
  --timeout <s>  fail a cell that runs longer than <s> seconds
  --workspace <dir>  the folder cells may read and write (nn.files, nnbook:// models);
                 default: the notebook's folder
  --verbose      also print what the cells print
Exit status: 0 all cells ran, 1 a cell failed, 2 bad input (nothing is written).`;

export function parseArgs(argv: string[]): RunArgs {
  const [command, ...rest] = argv;
  if (command !== 'run') throw new UsageError(command ? `unknown command '${command}'` : 'no command given');
  const args: RunArgs = { file: '', inplace: false, backend: 'auto', verbose: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '--out': args.out = value(); break;
      case '--inplace': args.inplace = true; break;
      case '--verbose': args.verbose = true; break;
      case '--workspace': args.workspace = value(); break;
      case '--timeout': {
        const v = value();
        const n = Number(v);
        if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--timeout needs a positive number of seconds, got '${v}'`);
        args.timeoutS = n;
        break;
      }
      case '--backend': {
        const v = value();
        if (v !== 'auto' && v !== 'wasm' && v !== 'cpu') throw new UsageError(`--backend must be auto, wasm or cpu, got '${v}'`);
        args.backend = v;
        break;
      }
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
        if (args.file) throw new UsageError(`one notebook at a time (got '${args.file}' and '${a}')`);
        args.file = a;
    }
  }
  if (!args.file) throw new UsageError('no notebook file given');
  if (args.out && args.inplace) throw new UsageError('--out and --inplace cannot be used together');
  return args;
}
