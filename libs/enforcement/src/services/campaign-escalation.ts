import { CampaignReader } from '#campaigns';
import { DomainError } from '#core';
import { OrgReader } from '#org';
import { EntityManager } from 'typeorm';
import { CandidateRow, EscalationCandidateRepository } from '../repositories/escalation-candidate.repository';
import { Cutoff, cutoffsInWindow } from '../rules/cutoffs';
import { EscalationSettings, escalationSettings } from '../rules/escalation-settings';

export interface CampaignEscalation {
  id: number;
  orgUnitId: number;
  orgUnitPath: string;
  status: string;
  settings: EscalationSettings;
}

const campaigns = new CampaignReader();
const org = new OrgReader();
const candidates = new EscalationCandidateRepository();

/** Reads a campaign and its escalation settings (defaults where a setting is missing). */
export async function loadCampaignEscalation(m: EntityManager, campaignId: number): Promise<CampaignEscalation> {
  const c = await campaigns.campaign(m, campaignId);
  const path = c && (await org.pathOf(m, c.orgUnitId));
  if (!c || !path) throw DomainError.notFound('campaign', campaignId);
  return { id: c.id, orgUnitId: c.orgUnitId, orgUnitPath: path, status: c.status, settings: escalationSettings(c.settings, c.startsOn, c.endsOn) };
}

/** Every cutoff of a campaign, over all its escalation windows, in order. */
export function campaignCutoffs(campaign: CampaignEscalation): Cutoff[] {
  return campaign.settings.calendars.flatMap((cal) => cutoffsInWindow(cal));
}

/** The cutoff of a campaign on a date; 400 when the date is not one. */
export function campaignCutoffOn(campaign: CampaignEscalation, date: string): Cutoff {
  const cutoff = campaignCutoffs(campaign).find((c) => c.date === date);
  if (!cutoff)
    throw DomainError.validation('cutoffDate', `${date} is not a cutoff date (10th, 20th, 30th / last day of February) inside the escalation window`);
  return cutoff;
}

/**
 * The candidate employers of a campaign under a unit path, as of an instant: at least `threshold` visits
 * ending in refusal by then, no enrolment visit by then, not enrolled by then (through a case rectified by
 * then, or a status set by then), not gone by then (its latest visit by then found it deregistered, moved
 * away or not found: EMPLOYER_GONE_OUTCOMES), and not in an inspection case that was open at that instant. A cutoff run
 * late (a worker was down) therefore freezes what was true at the cutoff, not what is true when it runs.
 * Each row carries its district and town (ancestors by path).
 */
export async function candidatesAsOf(
  m: EntityManager,
  campaignId: number,
  unitPath: string,
  asOf: Date,
  threshold: number,
  page?: { limit: number; offset: number },
): Promise<{ rows: CandidateRow[]; total: number }> {
  if (!page) {
    const rows = await candidates.all(m, campaignId, unitPath, asOf, threshold);
    return { rows, total: rows.length };
  }
  const rows = await candidates.page(m, campaignId, unitPath, asOf, threshold, page.limit, page.offset);
  return { rows, total: await candidates.count(m, campaignId, unitPath, asOf, threshold) };
}
