import assert from 'node:assert/strict';
import { findValueNamespace } from './findValueNamespace';

describe('findValueNamespace', () => {
  it('finds namespaces and internal modules that declare values', () => {
    assert.equal(findValueNamespace('namespace N { export const a = 1 }'), 0);
    assert.equal(findValueNamespace('let x = 1\nexport namespace N { function f() {} }'), 17);
    assert.equal(findValueNamespace('module M.K { export class C {} }'), 0);
    assert.equal(findValueNamespace('namespace A { namespace B { enum E { X } } }'), 0);
  });

  it('ignores ambient and type-only namespaces', () => {
    assert.equal(findValueNamespace('declare namespace N { const a: number }'), undefined);
    assert.equal(findValueNamespace('namespace T { export type A = number; export interface I { a: string } }'), undefined);
    assert.equal(findValueNamespace('namespace T { export declare const a: number }'), undefined);
    assert.equal(findValueNamespace('declare module "m" { export const a: number }'), undefined);
  });

  it('ignores values called namespace/module and cells without either word', () => {
    assert.equal(findValueNamespace('const namespace = 1; namespace.toString(); module = 2'), undefined);
    assert.equal(findValueNamespace('const a = 1'), undefined);
  });
});
