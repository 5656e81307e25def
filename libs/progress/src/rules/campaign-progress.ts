import { IndicatorKind, IndicatorRecord, readCampaignSettings } from '#campaigns';
import { BulletinCadence, orderedCadences } from './bulletin-schedule';
import { Exact } from './exact';
import { elapsedRate, expectedRate, Milestone, MilestoneMode } from './expected-rate';
import { IncentiveSettings } from './incentives';

/** The progress section of campaign.settings as the progress rules use it (see progressSettings). */
export interface ProgressSettings {
  incentives: IncentiveSettings;
  /** The bulletin series issued, in BULLETIN_CADENCES order. */
  bulletinCadences: BulletinCadence[];
  milestoneMode: MilestoneMode;
  /** Percentage points above the expected rate from which a unit is "ahead" (fraction: 0.05 = 5 points). */
  statusBand: string;
  /** Count indicators credited with the enrolments of inspection cases closed as rectified (job progress.credit). */
  inspectionIndicatorIds: number[];
  /** Count indicators credited with the entries the insured roster closes as enrolled (job progress.credit, source roster). */
  rosterIndicatorIds: number[];
}

export type IndicatorInfo = IndicatorRecord;

export interface CampaignContext {
  id: number;
  name: string;
  orgUnitId: number;
  startsOn: string;
  endsOn: string;
  status: string;
  settings: ProgressSettings;
  milestones: Milestone[];
  indicators: IndicatorInfo[];
}

/**
 * The progress section of a campaign's settings (read by the campaigns library's one reader) in the form the
 * rules take: tiers as IncentiveSettings (A, B, X, Y, Z) and the status band as a fraction ('0.05' for 5 points).
 */
export function progressSettings(raw: unknown): ProgressSettings {
  const p = readCampaignSettings(raw).progress;
  const i = p.incentives;
  return {
    incentives: { A: i.a, B: i.b, X: i.x, Y: i.y, Z: i.z },
    bulletinCadences: orderedCadences(p.bulletinCadences),
    milestoneMode: p.milestoneMode,
    statusBand: Exact.of(p.statusBandPct).div(100).toDecimalString(),
    inspectionIndicatorIds: p.inspectionIndicatorIds,
    rosterIndicatorIds: p.rosterIndicatorIds,
  };
}

/**
 * The expected (序时) rate on a date: from the campaign's cumulative milestones, or — a campaign without milestones —
 * the share of days elapsed from the campaign's start to the deadline (a task's own, else the campaign's end).
 */
export function expectedOn(
  c: Pick<CampaignContext, 'milestones' | 'startsOn' | 'endsOn'> & { settings: Pick<ProgressSettings, 'milestoneMode'> },
  date: string,
  deadline: string = c.endsOn,
): Exact {
  if (!c.milestones.length) return elapsedRate(c.startsOn, deadline, date);
  return expectedRate(c.milestones, date, c.settings.milestoneMode, c.startsOn);
}

/** The figure a target is compared with: ratio targets are percentages (98.5), so the rate target is target / 100. */
export function targetForRate(kind: IndicatorKind, target: string | null): Exact | null {
  if (target === null) return null;
  return kind === 'ratio' ? Exact.of(target).div(100) : Exact.of(target);
}
