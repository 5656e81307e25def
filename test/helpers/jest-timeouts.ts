import path from 'node:path';

// Browser suites drive Chromium, the API and the worker on the same two cores as the other suites:
// each of their tests and hooks gets 120 s (the API suites keep jest's 30 s).
const browserSuites = path.join('test', 'web') + path.sep;
if ((expect.getState().testPath ?? '').includes(browserSuites)) jest.setTimeout(120_000);
