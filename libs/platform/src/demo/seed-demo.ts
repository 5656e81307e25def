import { seedDemoCampaign } from '#campaigns';
import { seedDemoEnforcement } from '#enforcement';
import { seedDemoReminderRound } from '#outreach';
import { seedDemoProgress } from '#progress';
import { seedDemoRegistry } from '#registry';
import { DataSource, EntityManager } from 'typeorm';
import { DemoLogin, OrgReader, seedDemoOrg } from '#org';

/**
 * Demo data steps after the organisation, in order. A domain that joins the demo adds a step here;
 * each step runs in the seed's transaction and builds on what the steps before it made.
 */
export const DEMO_STEPS: { name: string; run: (m: EntityManager) => Promise<void> }[] = [
  { name: 'active campaign cascaded to villages, with tasks and deadline events', run: seedDemoCampaign },
  { name: 'months of progress reports (DH ahead, XL behind, one NC town at zero) and the latest bulletin', run: seedDemoProgress },
  { name: 'reminder round (notices to the public)', run: seedDemoReminderRound },
  { name: 'registry people, employers, assignments and visits', run: seedDemoRegistry },
  { name: 'refusing employers, a dispatched key-inspection list and inspectors with open cases', run: seedDemoEnforcement },
];

/** Loads the demo once, in one transaction, on a database without any org unit. Returns the logins, or null if it was there. */
export async function seedDemo(ds: DataSource): Promise<DemoLogin[] | null> {
  // Only on an empty database: never mix the fictional city into real data.
  if ((await new OrgReader().unitCount(ds)) > 0) return null;
  return ds.transaction(async (m) => {
    const logins = await seedDemoOrg(m);
    for (const step of DEMO_STEPS) await step.run(m);
    return logins;
  });
}
