import { CampaignReader } from '#campaigns';
import { DomainError, SortParams } from '#core';
import type { CandidateSort } from '../dto/escalation.dto';
import { OrgReader } from '#org';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CandidateRow, EscalationCandidateRepository } from '../repositories/escalation-candidate.repository';
import { EscalationSettings, escalationSettings } from '../rules/escalation-settings';

export interface CampaignEscalation {
  id: number;
  orgUnitId: number;
  orgUnitPath: string;
  status: string;
  settings: EscalationSettings;
}

/** A campaign as escalation sees it, and its candidate employers. */
@Injectable()
export class CampaignEscalations {
  constructor(
    private readonly campaigns: CampaignReader,
    private readonly org: OrgReader,
    private readonly candidates: EscalationCandidateRepository,
  ) {}

  /** Reads a campaign and its escalation settings (defaults where a setting is missing); 404 for an unknown one. */
  async load(m: EntityManager, campaignId: number): Promise<CampaignEscalation> {
    const c = await this.campaigns.campaign(m, campaignId);
    const path = c && (await this.org.unit(m, c.orgUnitId))?.path;
    if (!c || !path) throw DomainError.notFound('campaign', campaignId);
    return { id: c.id, orgUnitId: c.orgUnitId, orgUnitPath: path, status: c.status, settings: escalationSettings(c.settings, c.startsOn, c.endsOn) };
  }

  /**
   * The candidate employers of a campaign under a unit path, as of an instant: at least `threshold` visits
   * ending in refusal by then, no enrolment visit by then, not enrolled by then (through a case rectified by
   * then, or a status set by then), not gone by then (its latest visit by then found it deregistered, moved
   * away or not found: EMPLOYER_GONE_OUTCOMES), and not in an inspection case that was open at that instant. A cutoff run
   * late (a worker was down) therefore freezes what was true at the cutoff, not what is true when it runs.
   * Each row carries its district and town (ancestors by path).
   */
  async candidatesAsOf(
    m: EntityManager,
    campaignId: number,
    unitPath: string,
    asOf: Date,
    threshold: number,
    page?: { limit: number; offset: number; sort?: SortParams<CandidateSort> },
  ): Promise<{ rows: CandidateRow[]; total: number }> {
    if (!page) {
      const rows = await this.candidates.all(m, campaignId, unitPath, asOf, threshold);
      return { rows, total: rows.length };
    }
    const rows = await this.candidates.page(m, campaignId, unitPath, asOf, threshold, page.sort ?? {}, page.limit, page.offset);
    return { rows, total: await this.candidates.count(m, campaignId, unitPath, asOf, threshold) };
  }
}
