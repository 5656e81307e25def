import type { ReportCadence, ReportingPeriod } from '../rules/reporting-period';

/** An indicator a unit has not reported in the period, with its latest report before (null: never). */
export interface MissingIndicator {
  indicatorId: number;
  code: string;
  name: string;
  lastReportOn: string | null;
}

/** A unit holding tasks that has not reported every indicator in the current period. */
export interface UnreportedUnit {
  unitId: number;
  code: string;
  name: string;
  /** The latest report of its laggard indicator (null: one was never reported). */
  lastReportOn: string | null;
  /** Days since the first reporting deadline it let pass (0 while the current period runs). */
  daysOverdue: number;
  indicators: MissingIndicator[];
  /** Its unit managers, phones masked. */
  managers: { userId: number; name: string; phone: string | null }[];
  /** When its managers were reminded for this period (null: not yet). */
  remindedAt: Date | null;
}

/** GET /api/reporting-completeness: who has not reported since the current period started, paged. */
export interface ReportingCompleteness {
  campaignId: number;
  unitId: number;
  cadence: ReportCadence;
  date: string;
  /** The period holding the date; null outside the campaign's dates. */
  period: ReportingPeriod | null;
  /** Units under the unit (or itself) that hold a task to report on. */
  expectedUnits: number;
  items: UnreportedUnit[];
  /** Units that have not reported (all pages). */
  total: number;
  page: number;
  pageSize: number;
}

/** A bulletin's list of the units that had not reported in the period by its date (issue 17 point 2). */
export interface BulletinUnreported {
  cadence: ReportCadence;
  periodStart: string;
  periodEnd: string;
  expectedUnits: number;
  /** All units that had not reported; `units` lists the first BULLETIN_UNREPORTED_MAX of them. */
  total: number;
  units: { unitId: number; code: string; name: string; lastReportOn: string | null; indicators: string[] }[];
}
