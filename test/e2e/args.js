// Tiny `--key value` argument parser shared by the e2e scripts.
'use strict';
module.exports = function args(spec) {
  const out = { ...spec };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([\w-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new Error(`unexpected argument ${argv[i]}`);
    const key = m[1].replace(/-(\w)/g, (_, c) => c.toUpperCase());
    if (!(key in spec)) throw new Error(`unknown option --${m[1]}`);
    out[key] = m[2] !== undefined ? m[2] : argv[++i];
  }
  for (const [k, v] of Object.entries(out)) if (v === undefined) throw new Error(`missing --${k}`);
  return out;
};
