import { DomainError } from '#core';
import { Cutoff, cutoffsInWindow } from './cutoffs';
import { EscalationSettings } from './escalation-settings';

type WithCalendars = { settings: Pick<EscalationSettings, 'calendars'> };

/** Every cutoff of a campaign, over all its escalation windows, in order. */
export function campaignCutoffs(campaign: WithCalendars): Cutoff[] {
  return campaign.settings.calendars.flatMap((cal) => cutoffsInWindow(cal));
}

/** The cutoff of a campaign on a date; 400 when the date is not one. */
export function campaignCutoffOn(campaign: WithCalendars, date: string): Cutoff {
  const cutoff = campaignCutoffs(campaign).find((c) => c.date === date);
  if (!cutoff)
    throw DomainError.validation(
      'cutoffDate',
      `${date} 不是报送截止日：截止日为报送时段内每月 10 日、20 日、30 日（2 月为最后一天）（${date} is not a cutoff date (10th, 20th, 30th / last day of February) inside the escalation window）`,
    );
  return cutoff;
}
