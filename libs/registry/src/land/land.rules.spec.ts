import { loadWorkingCalendar } from '#core';
import { checkFundSplit, fundArrivedExcess, isProjectVerified, isVerificationOverdue, landRates, splitPeopleExcess, verificationDueOn } from './land.rules';

const calendar = loadWorkingCalendar();

describe('land rules', () => {
  describe('verification deadline (seed 004: within N calendar days of the agreement)', () => {
    it('adds calendar days across a month end and a leap day', () => {
      expect(verificationDueOn('2026-03-10', 30, 'natural', calendar)).toBe('2026-04-09');
      expect(verificationDueOn('2028-02-15', 30, 'natural', calendar)).toBe('2028-03-16'); // 2028 has 29 February
      expect(verificationDueOn('2026-12-20', 15, 'natural', calendar)).toBe('2027-01-04');
      // 10 working days from Thursday 24 Sep 2026: 28–30 Sep (3), 8, 9, 10 (make-up Saturday) Oct (6), 12–15 Oct (10) → 15 Oct
      expect(verificationDueOn('2026-09-24', 10, 'working', calendar)).toBe('2026-10-15');
      // 5 working days from Tuesday 2 Feb 2027: 3, 4 Feb, then 15, 16, 17 Feb after the break
      expect(verificationDueOn('2027-02-02', 5, 'working', calendar)).toBe('2027-02-17');
    });

    it('a project is verified only when it lists farmers and all are verified', () => {
      expect(isProjectVerified(0, 0)).toBe(false);
      expect(isProjectVerified(3, 2)).toBe(false);
      expect(isProjectVerified(3, 3)).toBe(true);
    });

    it('is overdue from the day after the due day, unless verified', () => {
      expect(isVerificationOverdue('2026-04-09', '2026-04-09', 3, 2)).toBe(false);
      expect(isVerificationOverdue('2026-04-09', '2026-04-10', 3, 2)).toBe(true);
      expect(isVerificationOverdue('2026-04-09', '2026-04-10', 0, 0)).toBe(true);
      expect(isVerificationOverdue('2026-04-09', '2026-04-10', 3, 3)).toBe(false);
    });
  });

  describe('fund split into personal pension accounts (seed 000: 共…万元, 共…人，每人…元)', () => {
    it('36万元 over 240 people at 1500 yuan each adds up', () => {
      expect(checkFundSplit('360000.00', 240, '1500')).toEqual({ ok: true, total: '360000.00' });
    });

    it('12345.67 yuan over 3 people at 4115.22 is one fen short: 3 × 4115.22 = 12345.66', () => {
      expect(checkFundSplit('12345.67', 3, '4115.22')).toEqual({
        ok: false,
        total: '12345.66',
        field: 'amountEach',
        message: '3人×每人4115.22元=12345.66元，与项目补贴资金12345.67元不符（少0.01元），应分毫不差',
      });
    });

    it('0.1 + 0.2 style sums are exact: 3 × 0.10 = 0.30, and 7 × 0.43 = 3.01 is one fen over 3.00', () => {
      expect(checkFundSplit('0.30', 3, '0.10')).toEqual({ ok: true, total: '0.30' });
      const over = checkFundSplit('3.00', 7, '0.43');
      expect(over.ok).toBe(false);
      expect(over.total).toBe('3.01');
      expect(!over.ok && over.message).toBe('7人×每人0.43元=3.01元，与项目补贴资金3.00元不符（多0.01元），应分毫不差');
    });
  });

  describe('seed 004 indicators', () => {
    it('2 of 3 projects verified, 6000 of 12345.67 yuan arrived, 5 of 7 verified farmers insured', () => {
      // 2/3 = 66.666…% → 66.67; 6000/12345.67 = 48.6000…% (0.486001…) → 48.60; 5/7 = 71.428…% → 71.43
      expect(landRates({ projects: 3, projectsVerified: 2, fundDue: '12345.67', fundArrived: '6000.00', farmersVerified: 7, farmersInsured: 5 })).toEqual({
        projectVerifiedRate: '66.67',
        fundArrivalRate: '48.60',
        insuredRate: '71.43',
      });
    });

    it('nothing to divide by is no figure, not 0 %', () => {
      expect(landRates({ projects: 0, projectsVerified: 0, fundDue: '0', fundArrived: '0', farmersVerified: 0, farmersInsured: 0 })).toEqual({
        projectVerifiedRate: null,
        fundArrivalRate: null,
        insuredRate: null,
      });
    });
  });

  describe('fund arrived and the split against the project', () => {
    it('refuses a fund arrived above the fund due, by the fen', () => {
      expect(fundArrivedExcess('12345.67', '12345.67')).toBeNull();
      expect(fundArrivedExcess('12345.67', '0')).toBeNull();
      expect(fundArrivedExcess('12345.67', '12345.68')).toBe('已到位补贴资金12345.68元超过应到位补贴资金12345.67元（多0.01元）');
      expect(fundArrivedExcess('500', '800.5')).toBe('已到位补贴资金800.50元超过应到位补贴资金500.00元（多300.50元）');
    });

    it('splits among no more people than the farmers listed', () => {
      expect(splitPeopleExcess(2, 2)).toBeNull();
      expect(splitPeopleExcess(1, 2)).toBeNull();
      expect(splitPeopleExcess(240, 2)).toBe('分解人数240人超过项目登记的被征地农民2人');
      expect(splitPeopleExcess(1, 0)).toBe('项目尚未登记被征地农民，请先登记名单再分解资金');
    });
  });
});
