import { DayUnit } from '#core';
import { Exact } from '#progress';

/**
 * Seed 004: a land project's farmers must be verified within a set number of calendar days (自然日) after
 * its compensation agreement. The seed masks the figure; a project keeps its own, 30 unless set, and may count
 * it in working days instead (issue 20).
 */
export const DEFAULT_VERIFY_WITHIN_DAYS = 30;

/** The last day to finish verifying: the agreement date plus the days allowed, natural or working days. */
export function verificationDueOn(
  agreementOn: string,
  withinDays: number,
  unit: DayUnit,
  calendar: { addPeriod(date: string, n: number, unit: DayUnit): string },
): string {
  return calendar.addPeriod(agreementOn, withinDays, unit);
}

/** Verified: every farmer listed is verified (a project with no farmers listed has verified nobody). */
export function isProjectVerified(listed: number, verified: number): boolean {
  return listed > 0 && verified >= listed;
}

/** Overdue: past the due day (the due day itself is still in time) and not verified. */
export function isVerificationOverdue(dueOn: string, today: string, listed: number, verified: number): boolean {
  return today > dueOn && !isProjectVerified(listed, verified);
}

export type FundSplitResult = { ok: true; total: string } | { ok: false; total: string; field: 'amountEach'; message: string };

/**
 * Seed 000: a project's fund (共…元) is split into the personal pension accounts of its farmers (共…人，每人…元).
 * N people × the amount each must equal the fund exactly, to the fen (exact decimals, no binary floats).
 */
export function checkFundSplit(fund: string, people: number, amountEach: string): FundSplitResult {
  const total = Exact.of(amountEach).mul(people);
  const totalText = total.toFixedHalfUp(2);
  const diff = total.sub(fund);
  if (diff.isZero()) return { ok: true, total: totalText };
  const fundText = Exact.of(fund).toFixedHalfUp(2);
  const gap = (diff.isPositive() ? diff : Exact.ZERO.sub(diff)).toFixedHalfUp(2);
  return {
    ok: false,
    total: totalText,
    field: 'amountEach',
    message: `${people}人×每人${Exact.of(amountEach).toFixedHalfUp(2)}元=${totalText}元，与项目补贴资金${fundText}元不符（${diff.isPositive() ? '多' : '少'}${gap}元），应分毫不差`,
  };
}

/** The fund arrived cannot exceed the fund due (到位资金不超过应到位资金): the refusal's message, or null. */
export function fundArrivedExcess(fundDue: string, fundArrived: string): string | null {
  const excess = Exact.of(fundArrived).sub(fundDue);
  if (!excess.isPositive()) return null;
  return `已到位补贴资金${Exact.of(fundArrived).toFixedHalfUp(2)}元超过应到位补贴资金${Exact.of(fundDue).toFixedHalfUp(2)}元（多${excess.toFixedHalfUp(2)}元）`;
}

/**
 * The fund is split into the personal accounts of the project's farmers: no more people than the farmers listed
 * (seed 000's 共…人 are the project's farmers). The refusal's message, or null.
 */
export function splitPeopleExcess(people: number, farmersListed: number): string | null {
  if (people <= farmersListed) return null;
  return farmersListed === 0
    ? '项目尚未登记被征地农民，请先登记名单再分解资金'
    : `分解人数${people}人超过项目登记的被征地农民${farmersListed}人`;
}

/** What a unit's subtree holds, for the seed 004 land indicators. */
export interface LandCounts {
  projects: number;
  projectsVerified: number;
  fundDue: string;
  fundArrived: string;
  farmersVerified: number;
  farmersInsured: number;
}

export interface LandRates {
  /** 已核实被征地农民信息的项目占比, percent with 2 decimals; null with no projects. */
  projectVerifiedRate: string | null;
  /** 养老保险补贴资金到位率: arrived / due; null with nothing due. */
  fundArrivalRate: string | null;
  /** 已核实信息的被征地农民参保率 (insured = subsidy paid out): insured verified / verified; null with none verified. */
  insuredRate: string | null;
}

/** num / den in percent with 2 decimals, half up; null when den is 0. */
export function percentOf(num: string | number, den: string | number): string | null {
  const d = Exact.of(den);
  return d.isZero() ? null : Exact.of(num).mul(100).div(d).toFixedHalfUp(2);
}

/** Seed 004's three land indicators from the records, never typed in. */
export function landRates(c: LandCounts): LandRates {
  return {
    projectVerifiedRate: percentOf(c.projectsVerified, c.projects),
    fundArrivalRate: percentOf(c.fundArrived, c.fundDue),
    insuredRate: percentOf(c.farmersInsured, c.farmersVerified),
  };
}
