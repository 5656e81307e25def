import { runDashboardBench } from './dashboard';
import { runRegistryImportBench } from './registry-import';

/** npm run bench: every benchmark, in order. A new benchmark adds one line here. */
const BENCHMARKS: { name: string; run: () => Promise<void> }[] = [
  { name: 'registry import', run: runRegistryImportBench },
  { name: 'progress dashboard', run: runDashboardBench },
];

async function main(): Promise<void> {
  for (const b of BENCHMARKS) {
    console.log(`== ${b.name}`);
    await b.run();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
