import { CampaignReader } from '#campaigns';
import { addDays, businessDate } from '#core';
import { OrgReader } from '#org';
import { seedDemoRefusals } from '#registry';
import { EntityManager } from 'typeorm';
import { CutoffRunRepository } from '../repositories/cutoff-run.repository';
import { InspectionCaseRepository } from '../repositories/inspection-case.repository';
import { InspectionListRepository } from '../repositories/inspection-list.repository';
import { EscalationCandidateRepository } from '../repositories/escalation-candidate.repository';
import { campaignCutoffs } from '../rules/campaign-cutoffs';
import { CampaignEscalations } from '../services/campaign-escalation';

const campaigns = new CampaignReader();
const org = new OrgReader();
const runs = new CutoffRunRepository();
const lists = new InspectionListRepository();
const cases = new InspectionCaseRepository();
const escalations = new CampaignEscalations(campaigns, org, new EscalationCandidateRepository());

/**
 * Demo: two employers per district refuse three times before the campaign's first cutoff; that cutoff's
 * district submissions are frozen, compiled into a key-inspection list and dispatched to labour inspection
 * (DEP-INSPECT) and audit (DEP-AUDIT); the cases are assigned to the demo inspectors, one with a
 * rectification order. Later cutoffs are left to the worker's reconciler (it catches up on start).
 */
export async function seedDemoEnforcement(m: EntityManager): Promise<void> {
  const [c] = await campaigns.activeCampaigns(m);
  if (!c) return;
  const campaign = await escalations.load(m, c.id);
  const [cutoff] = campaignCutoffs(campaign);
  const depts = await org.unitsByCode(m, ['DEP-INSPECT', 'DEP-AUDIT']);
  if (!cutoff || depts.length < 2) return;
  const districts = await org.districtsAround(m, campaign.orgUnitPath);

  // Refusals: the two largest not-enrolled employers of each district, three refusals each before the cutoff.
  await seedDemoRefusals(m, campaign.id, addDays(cutoff.date, -2));

  // The first cutoff's submissions, frozen as of the cutoff.
  for (const d of districts) {
    const runId = await runs.insert(m, {
      campaignId: campaign.id,
      districtId: d.id,
      districtPath: d.path,
      cutoffDate: cutoff.date,
      cutoffAt: cutoff.at,
      trigger: 'schedule',
      triggeredBy: null,
      ranAt: cutoff.at,
      runner: 'demo',
    });
    if (!runId) continue;
    const { rows } = await escalations.candidatesAsOf(m, campaign.id, d.path, cutoff.at, campaign.settings.refusalThreshold);
    if (rows.length) await runs.insertEntries(m, runId, rows);
    await runs.setEntryCount(m, runId, rows.length);
  }

  // Compiled the next morning, dispatched the day after, assigned the day after that.
  const compiledAt = new Date(cutoff.at.getTime() + 16 * 3600_000);
  const dispatchedAt = new Date(cutoff.at.getTime() + 40 * 3600_000);
  const assignedAt = new Date(cutoff.at.getTime() + 64 * 3600_000);
  const office = (await org.firstWithRole(m, 'office', null)) ?? null;
  const listId = await lists.insertDispatched(m, campaign.id, cutoff.date, cutoff.at, compiledAt, office, dispatchedAt);
  await lists.listSubmissions(m, listId, campaign.id, cutoff.at, { kind: 'all' });
  const dueDate = addDays(businessDate(dispatchedAt), campaign.settings.caseDueDays);
  for (const dep of depts) {
    await lists.addDepartment(m, listId, dep.id);
    const inspector = await org.firstWithRole(m, 'inspector', dep.id);
    const manager = (await org.firstWithRole(m, 'unit_manager', dep.id)) ?? null;
    const opened = await cases.openForList(m, listId, campaign.id, dep, dispatchedAt, dueDate, inspector ? { id: inspector, at: assignedAt } : null);
    if (!opened.length) continue;
    await cases.insertOpened(m, opened, dispatchedAt, office);
    if (inspector) await cases.insertAssigned(m, opened, assignedAt, manager, inspector);
    // Labour inspection has visited its first case and ordered rectification (限期改正).
    if (dep.code === 'DEP-INSPECT' && inspector) {
      const caseId = Number(opened[0]);
      const visitedAt = new Date(assignedAt.getTime() + 24 * 3600_000);
      const deadline = addDays(businessDate(visitedAt), campaign.settings.rectificationDays);
      await cases.orderRectification(m, caseId, deadline);
      const event = { caseId, at: visitedAt, actorId: inspector, enrolledCount: null, amount: null, reason: null };
      await cases.insertEvent(m, { ...event, kind: 'visited', findings: '现场检查：职工花名册与参保名单不符，负责人拒绝为未参保职工办理参保', deadline: null });
      await cases.insertEvent(m, { ...event, kind: 'rectification_ordered', findings: '下达限期改正指令书', deadline });
    }
  }
}
