#!/usr/bin/env node
// Copies the saved outputs of samples/NAME.nnbook's code cells into samples/zh-CN/NAME.nnbook,
// whose code cells are identical (src/format/samplesZhCn.test.ts), keeping its translated
// markdown. Run after `nnbook run samples/NAME.nnbook --inplace`.
//   node scripts/copy-sample-outputs.js 03-backprop-xor [more names…]
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
for (const name of process.argv.slice(2)) {
  const enFile = path.join(root, 'samples', `${name}.nnbook`);
  const zhFile = path.join(root, 'samples', 'zh-CN', `${name}.nnbook`);
  const en = JSON.parse(fs.readFileSync(enFile, 'utf8'));
  const zh = JSON.parse(fs.readFileSync(zhFile, 'utf8'));
  const enCode = en.cells.filter((c) => c.kind === 'code');
  const zhCode = zh.cells.filter((c) => c.kind === 'code');
  const src = (c) => (Array.isArray(c.source) ? c.source.join('') : c.source);
  if (enCode.length !== zhCode.length) throw new Error(`${name}: ${enCode.length} English code cells, ${zhCode.length} zh-CN`);
  zhCode.forEach((c, i) => {
    if (src(c) !== src(enCode[i])) throw new Error(`${name}: code cell ${i + 1} differs between the editions`);
    for (const key of ['outputs', 'metadata']) {
      if (key in enCode[i]) c[key] = enCode[i][key]; else delete c[key];
    }
  });
  fs.writeFileSync(zhFile, JSON.stringify(zh, null, 2) + '\n');
  console.log(`${name}: outputs of ${zhCode.length} code cells copied`);
}
