import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID, NOTEBOOK_TYPE } from './helpers';

export function registerActivationSuite(): void {
  suite('activation', () => {
    test('nnbook.nnbook is installed, activates and contributes its notebook type and commands', async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
      await ext.activate();
      assert.strictEqual(ext.isActive, true, 'extension did not become active');

      const pkg = ext.packageJSON as {
        main?: string;
        contributes?: { notebooks?: Array<{ type: string; selector?: Array<{ filenamePattern?: string }> }> };
      };
      assert.strictEqual(pkg.main, './out/extension.js');
      const nbType = pkg.contributes?.notebooks?.find((n) => n.type === NOTEBOOK_TYPE);
      assert.ok(nbType, `package.json contributes no notebook of type ${NOTEBOOK_TYPE}`);
      assert.ok(
        nbType.selector?.some((s) => s.filenamePattern === '*.nnbook'),
        `notebook ${NOTEBOOK_TYPE} is not selected for *.nnbook: ${JSON.stringify(nbType.selector)}`,
      );

      const commands = await vscode.commands.getCommands(true);
      for (const c of ['nnbook.newNotebook', 'nnbook.restartKernel', 'nnbook.openSamples']) {
        assert.ok(commands.includes(c), `command ${c} is not registered`);
      }
    });
  });
}
