#!/usr/bin/env node
// `npx nnbook run notebook.nnbook`: the built CLI (npm run build makes out/cli.js).
require('../out/cli.js');
