// Shared by this folder's *.test.ts files only: a HostClient answered in-process by the
// real host services over a real temp folder (no worker, no transport).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { workspaceHostServices } from '../../src/kernel/hostServices';
import { WorkspaceFiles } from '../../src/kernel/WorkspaceFiles';
import type { FromKernel } from '../../src/kernel/protocol';
import { HostClient } from './HostClient';

export interface TestHost {
  host: HostClient;
  root: string;
  /** Every request the kernel side sent. */
  sent: FromKernel[];
  cleanup(): void;
}

export function testHost(): TestHost {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'nnbook-host-')));
  const serve = workspaceHostServices(new WorkspaceFiles(root));
  const sent: FromKernel[] = [];
  const host: HostClient = new HostClient((msg) => {
    sent.push(msg);
    if (msg.type === 'host') void serve(msg).then((reply) => host.settle(reply));
  });
  return { host, root, sent, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}
