/* global require, __dirname */
// Lets a child process of a test run the TypeScript sources without a build (npm test does not build):
// node -r ./test/notices/process/ts-register.js <file.ts>. Each .ts file is compiled by @swc/core with
// the repository's .swcrc, as jest does, and #core, #notices ... resolve to libs/<name>/src.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const swc = require('@swc/core');

const root = path.join(__dirname, '..', '..', '..');
const options = { ...JSON.parse(fs.readFileSync(path.join(root, '.swcrc'), 'utf8')), swcrc: false };
const LIBS = /^#(core|org|platform|notices|outreach|campaigns|progress|registry|enforcement)$/;

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const lib = LIBS.exec(request);
  return resolve.call(this, lib ? path.join(root, 'libs', lib[1], 'src', 'index.ts') : request, ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), { ...options, filename });
  module._compile(code, filename);
};
