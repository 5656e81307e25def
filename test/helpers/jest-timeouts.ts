import path from 'node:path';

// Browser suites drive Chromium, the API and the worker on the same two cores as the other suites:
// each of their tests and hooks gets 120 s. The API suites get 60 s: several load the whole demo city (campaigns,
// registry, reports, bulletins with their forecasts) in a hook, or start an API in production mode, beside
// other suites on two cores.
const testPath = expect.getState().testPath ?? '';
jest.setTimeout(testPath.includes(path.join('test', 'web') + path.sep) ? 120_000 : 60_000);
