import { CampaignReader, TaskAttainment } from '#campaigns';
import { databaseToday, loadWorkingCalendar, OutboxService, Role } from '#core';
import { OrgReader } from '#org';
import { EntityManager } from 'typeorm';
import { bulletinNotices, namedUnits } from '../rules/bulletin-content';
import { BulletinStore } from '../services/bulletin-store';
import { BulletinRepository } from '../repositories/bulletin.repository';
import { ProgressReportRepository } from '../repositories/progress-report.repository';
import { RollupRepository } from '../repositories/rollup.repository';
import { ReportingCompletenessRepository } from '../repositories/reporting-completeness.repository';
import { bulletinDatesDue } from '../rules/bulletin-schedule';

/**
 * Demo (issue 4 §8): months of biweekly reports on every leaf task of the demo campaign, so that the
 * dashboard tells a story: district DH ahead of the expected rate, XL behind, NC mixed with one town at
 * zero; then the city's biweekly bulletins due so far, numbered in order, the latest announced to the units it names.
 */
export async function seedDemoProgress(m: EntityManager): Promise<void> {
  const campaigns = new CampaignReader();
  const units = new OrgReader();
  const [first] = await campaigns.activeCampaigns(m);
  const c = first && (await campaigns.campaign(m, first.id));
  if (!c) return;
  const today = await databaseToday(m);
  const last = today < c.endsOn ? today : c.endsOn;
  const dates = bulletinDatesDue('biweekly', c.startsOn, c.endsOn, last);
  if (!dates.length) return;
  // Pace against the straight line to the year's end: DH 115 %, XL 65 %, NC 100 % except one town at zero.
  await new ProgressReportRepository().seedDemo(
    m,
    await campaigns.leafTasks(m, c.id),
    c.startsOn,
    (await units.firstUnitWithCodePrefix(m, 'town', 'NC')) ?? 0,
    dates,
  );
  // as a report does: tasks whose figure reached the target are met now, not overdue at their deadline
  await new TaskAttainment().refresh(m, await campaigns.taskIds(m, c.id), new Date());
  const store = new BulletinStore(
    campaigns,
    new BulletinRepository(),
    units,
    new RollupRepository(m.connection),
    new ReportingCompletenessRepository(),
    // the shipped calendar: the demo is development data
    loadWorkingCalendar(),
  );
  let row: Awaited<ReturnType<BulletinStore['store']>> = null;
  for (const date of dates)
    row = await store.store(
      m,
      { campaignId: c.id, unitId: c.orgUnitId, cadence: 'biweekly', periodEnd: date, date, trigger: 'schedule', requestedBy: null },
      new Date(),
    );
  if (!row) return;
  const recipients = new Map<number, number[]>();
  for (const unitId of namedUnits(row.content))
    recipients.set(
      unitId,
      (await units.activeWithRoles(m, [unitId], [Role.UnitManager])).map((u) => u.id),
    );
  const notices = bulletinNotices(row.content, row, recipients).map((n) => ({
    ...n,
    linkEntity: n.link?.entity ?? null,
    linkId: n.link ? String(n.link.id) : null,
  }));
  if (notices.length) await new OutboxService().enqueue(m, 'notices.create', { notices: notices.map(({ link: _l, ...n }) => n) });
}
