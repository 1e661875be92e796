import assert from 'node:assert/strict';
import { forEachScopeKind } from './testing/TestKernel';

const tfjs = { tensor: (v: number[]) => ({ v }), version: '4.22.0' };
const withDefault = { default: 'the default', named: 1 };

describe('compileCell: imports', () => {
  forEachScopeKind((makeKernel) => {
    const kernel = () => makeKernel({ '@tensorflow/tfjs': tfjs, 'with-default': withDefault, 'side-effect': {} });

    it('namespace import binds the module', async () => {
      const k = kernel();
      await k.run("import * as tf from '@tensorflow/tfjs'");
      assert.equal(k.scope.tf, tfjs);
      assert.deepEqual(k.last!.declared, ['tf']);
    });

    it('named imports read properties, with renames', async () => {
      const k = kernel();
      await k.run("import { tensor, version as v } from '@tensorflow/tfjs'");
      assert.equal(k.scope.tensor, tfjs.tensor);
      assert.equal(k.scope.v, '4.22.0');
    });

    it('default import: `.default` if present, else the module itself', async () => {
      const k = kernel();
      await k.run("import d from 'with-default'\nimport tf from '@tensorflow/tfjs'\nimport { default as d2 } from 'with-default'");
      assert.deepEqual([k.scope.d, k.scope.tf, k.scope.d2], ['the default', tfjs, 'the default']);
    });

    it('default plus namespace / named in one declaration', async () => {
      const k = kernel();
      await k.run("import d, * as all from 'with-default'\nimport d3, { named } from 'with-default'");
      assert.deepEqual([k.scope.d, k.scope.all, k.scope.d3, k.scope.named], ['the default', withDefault, 'the default', 1]);
    });

    it('side-effect import calls $rt.import', async () => {
      const k = kernel();
      await k.run("import 'side-effect'");
      assert.deepEqual(k.rt.imported, ['side-effect']);
      assert.deepEqual(k.last!.declared, []);
    });

    it('type-only imports vanish', async () => {
      const k = kernel();
      await k.run("import type { Tensor } from '@tensorflow/tfjs'\nimport { type Rank, tensor } from '@tensorflow/tfjs'\nlet t: Tensor | Rank | null = null");
      assert.deepEqual(k.rt.imported, ['@tensorflow/tfjs']);
      assert.deepEqual(k.last!.declared, ['tensor', 't']);
    });

    it('an import unused in its own cell is kept for later cells', async () => {
      const k = kernel();
      await k.run("import * as tf from '@tensorflow/tfjs'");
      assert.deepEqual(await k.run('tf.tensor([1]).v'), [1]);
    });

    it('imported names are used through $scope in functions', async () => {
      const k = kernel();
      await k.run("import { tensor } from '@tensorflow/tfjs'\nfunction make() { return tensor([2]) }\nmake().v");
      assert.deepEqual(await k.run('make().v'), [2]);
    });

    it('a multi-line import keeps the following line numbers', async () => {
      const k = kernel();
      const cell = k.compile("import {\n  tensor,\n  version,\n} from '@tensorflow/tfjs'\nconst marker = 1");
      const line = cell.js.split('\n').findIndex((l) => l.includes('marker'));
      assert.equal(line, 4);
    });

    it('a missing module rejects when run', async () => {
      const k = kernel();
      await assert.rejects(k.run("import x from 'nope'"), /Cannot find module 'nope'/);
    });
  });
});
