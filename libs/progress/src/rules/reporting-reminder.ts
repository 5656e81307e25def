import type { NoticeInput } from '#notices';
import type { ReportingPeriod } from './reporting-period';

/** The notice kind of a reminder to report (its digest title is in libs/notices/src/rules/digest.ts). */
export const REPORTING_REMINDER_KIND = 'progress.unreported';

/**
 * One notice per manager of each unit reminded for a period: which indicators it has not reported and by when.
 * The dedupe key (campaign, unit, period start, manager) lists it once however often the job runs.
 */
export function reportingReminderNotices(
  campaign: { id: number; name: string },
  period: ReportingPeriod,
  units: { org_unit_id: number; unit_name: string; recipient_ids: number[]; indicator_names: string }[],
): NoticeInput[] {
  return units.flatMap((u) =>
    u.recipient_ids.map((userId) => ({
      recipientUserId: userId,
      kind: REPORTING_REMINDER_KIND,
      subject: `${campaign.name}：${u.unit_name}本期进度未报送`,
      body: `${u.unit_name}在报送期 ${period.start} 至 ${period.end}（截止 ${period.end}）尚未报送：${u.indicator_names}。请尽快报送累计完成数。`,
      link: { entity: 'campaign', id: String(campaign.id) },
      dedupeKey: `reporting-reminder-${campaign.id}-${u.org_unit_id}-${period.start}-${userId}`,
    })),
  );
}
