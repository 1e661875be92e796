import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseNotebook, serializeNotebook } from './index';
import type { CellModel, NotebookModel } from './model';

/**
 * samples/zh-CN/ holds the Simplified Chinese edition of every English sample in samples/:
 * the markdown is translated, the code cells are the English ones exactly (CI runs the
 * English notebooks, so the code must not drift).
 */
const samplesDir = path.resolve(__dirname, '../../samples');
const zhDir = path.join(samplesDir, 'zh-CN');
const englishSamples = readdirSync(samplesDir).filter((n) => n.endsWith('.nnbook')).sort();
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff]/;

const read = (file: string): { text: string; nb: NotebookModel } => {
  const text = readFileSync(file, 'utf8');
  return { text, nb: parseNotebook(text) };
};
const code = (nb: NotebookModel): CellModel[] => nb.cells.filter((c) => c.kind === 'code');
const markdown = (nb: NotebookModel): CellModel[] => nb.cells.filter((c) => c.kind === 'markdown');

describe('samples: Simplified Chinese (zh-CN) editions', () => {
  it('there are English samples to translate', () => {
    assert.ok(englishSamples.length > 0, `no .nnbook files in ${samplesDir}`);
  });

  it('every English sample has a zh-CN edition, and there is none without one', () => {
    const zh = readdirSync(zhDir).filter((n) => n.endsWith('.nnbook')).sort();
    assert.deepEqual(zh, englishSamples);
  });

  for (const name of englishSamples) {
    describe(name, () => {
      const load = () => ({ en: read(path.join(samplesDir, name)), zh: read(path.join(zhDir, name)) });

      it('both parse, and the zh-CN file is in canonical form', () => {
        const { zh } = load();
        assert.equal(serializeNotebook(zh.nb), zh.text);
      });

      it('code cells are identical to the English ones: source and language, in order', () => {
        const { en, zh } = load();
        const shape = (nb: NotebookModel) => code(nb).map((c) => ({ language: c.language, source: c.source }));
        assert.deepEqual(shape(zh.nb), shape(en.nb));
      });

      it('cells are in the same order: markdown where the English has markdown', () => {
        const { en, zh } = load();
        assert.deepEqual(zh.nb.cells.map((c) => c.kind), en.nb.cells.map((c) => c.kind));
        assert.equal(markdown(zh.nb).length, markdown(en.nb).length);
      });

      it('every markdown cell is translated (contains CJK characters)', () => {
        const { zh } = load();
        markdown(zh.nb).forEach((c, i) => assert.match(c.source, CJK, `markdown cell ${i} has no Chinese: ${c.source.slice(0, 80)}`));
      });

      it('metadata: a Chinese title and language "zh-CN"', () => {
        const { zh } = load();
        assert.equal(zh.nb.metadata.language, 'zh-CN');
        assert.equal(typeof zh.nb.metadata.title, 'string');
        assert.match(zh.nb.metadata.title as string, CJK);
      });

      it('code cells keep saved outputs where the English ones have them', () => {
        const { en, zh } = load();
        const enCode = code(en.nb);
        code(zh.nb).forEach((c, i) => {
          if (enCode[i].outputs.length > 0) assert.ok(c.outputs.length > 0, `code cell ${i} lost its outputs`);
        });
      });
    });
  }
});
