import { runDashboardBench } from './dashboard';
import { writeResults } from './record';
import { runRegistryImportBench } from './registry-import';
import { runReminderRoundBench } from './reminder-round';
import { runScaleBench } from './scale';

/** Every benchmark reports its figures through record() (bench/record.ts); this run writes them to bench/results/<time>.json. */
export { record } from './record';

/** npm run bench: every benchmark, in order. A new benchmark adds one line here. */
const BENCHMARKS: { name: string; run: () => Promise<void>; onlyWhenNamed?: boolean }[] = [
  { name: 'registry import', run: runRegistryImportBench },
  { name: 'progress dashboard', run: runDashboardBench },
  { name: 'reminder round', run: runReminderRoundBench },
  // minutes of load on 3 APIs and 3 workers: only when asked for (npm run bench -- scale)
  { name: 'scale', run: runScaleBench, onlyWhenNamed: true },
];

/** `npm run bench -- <words>` runs only the benchmarks whose name contains one of the words. */
async function main(): Promise<void> {
  const only = process.argv.slice(2);
  for (const b of BENCHMARKS.filter((x) => (only.length === 0 ? !x.onlyWhenNamed : only.some((w) => x.name.includes(w))))) {
    console.log(`== ${b.name}`);
    await b.run();
    console.log(`figures so far in ${writeResults()}`);
  }
}

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
