import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TestKernel } from './testing/TestKernel';

/** Includes names that clash with browser/node globals on purpose. */
const NAMES = ['a', 'b', 'history', 'name', 'location', 'self', 'process'] as const;
type Name = (typeof NAMES)[number];
type Kind = 'let' | 'const' | 'var' | 'object' | 'array' | 'function';

interface Declaration { name: Name; kind: Kind; value: number }
interface CellPlan { declarations: Declaration[]; bumps: Name[]; read: boolean }

const declaration = fc.record({
  name: fc.constantFrom(...NAMES),
  kind: fc.constantFrom<Kind>('let', 'const', 'var', 'object', 'array', 'function'),
  value: fc.integer({ min: -1000, max: 1000 }),
});

const cellPlan = fc.record({
  declarations: fc.uniqueArray(declaration, { selector: (d) => d.name, maxLength: 4 }),
  bumps: fc.array(fc.constantFrom(...NAMES), { maxLength: 3 }),
  read: fc.boolean(),
});

function declarationSource({ name, kind, value }: Declaration): string {
  switch (kind) {
    case 'object': return `const { ${name} }: { ${name}: number } = { ${name}: ${value} }`;
    case 'array': return `let [${name}] = [${value}] as const`;
    case 'function': return `function ${name}(): number { return ${value} }`;
    default: return `${kind} ${name}: number = ${value}`;
  }
}

/** What a name holds in the model: a number, or a function returning one. */
interface Entry { value: number; isFunction: boolean }

describe('compileCell: properties', function () {
  // Hundreds of compile+run sequences: generous on a busy machine.
  this.timeout(60_000);

  it('random sequences of declarations, cross-cell updates and reads agree with a model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(cellPlan, { minLength: 1, maxLength: 6 }), fc.boolean(), async (cells, strict) => {
        const kernel = new TestKernel({ strict });
        const model = new Map<Name, Entry>();
        for (const plan of cells) {
          const lines = plan.declarations.map(declarationSource);
          // Bumps go through a function from an earlier cell's point of view: a closure
          // defined here updates the shared binding.
          const bumpable = plan.bumps.filter((n) => model.get(n)?.isFunction === false && !plan.declarations.some((d) => d.name === n));
          if (bumpable.length) lines.push(`const bump = () => { ${bumpable.map((n) => `${n} += 1;`).join(' ')} }\nbump()`);
          for (const d of plan.declarations) model.set(d.name, { value: d.value, isFunction: d.kind === 'function' });
          for (const n of bumpable) model.get(n)!.value++;
          const readable = [...model.keys()];
          if (plan.read && readable.length) {
            lines.push(`;[${readable.map((n) => (model.get(n)!.isFunction ? `${n}()` : n)).join(', ')}]`);
          }
          const result = await kernel.run(lines.join('\n'));
          if (plan.read && readable.length) assert.deepEqual(result, readable.map((n) => model.get(n)!.value));
        }
        for (const [name, entry] of model) {
          const held = kernel.scope[name];
          assert.equal(typeof held === 'function' ? (held as () => number)() : held, entry.value);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('parameters and locals always shadow scope names', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), fc.integer(), fc.subarray([...NAMES]), async (name, value, known) => {
        const kernel = new TestKernel({ strict: true });
        for (const k of known) kernel.known.add(k);
        const result = await kernel.run(
          `;[((${name}: number) => ${name})(${value}), (function () { let ${name} = ${value}; return ${name} })(), (() => { try { throw ${value} } catch (${name}) { return ${name} } })()]`,
        );
        assert.deepEqual(result, [value, value, value]);
      }),
      { numRuns: 100 },
    );
  });
});
