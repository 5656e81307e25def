import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12 point 6: campaign.settings is stored in the sections of the campaigns library's one model
 * (libs/campaigns/src/settings): deadlines, escalation, progress, registry, inspection, notices. The flat
 * keys three libraries wrote move into their section; escalationWindow becomes escalation.windows[0];
 * the status band, stored as a fraction string ('0.05'), becomes progress.statusBandPct in points (5).
 * A section already present is kept; settings missing after the move take their defaults when read.
 */
const UP = `
  jsonb_strip_nulls(jsonb_build_object(
    'deadlines', coalesce(settings->'deadlines', jsonb_build_object(
      'reminderOffsetsDays', settings->'reminderOffsetsDays', 'allowOverAllocation', settings->'allowOverAllocation')),
    'escalation', coalesce(settings->'escalation', jsonb_build_object(
      'windows', CASE WHEN jsonb_typeof(settings->'escalationWindow') = 'object' THEN jsonb_build_array(settings->'escalationWindow') END,
      'time', settings->'escalationTime', 'refusalThreshold', settings->'refusalThreshold')),
    'progress', coalesce(settings->'progress', jsonb_build_object(
      'incentives', settings->'incentives', 'bulletinCadence', settings->'bulletinCadence', 'milestoneMode', settings->'milestoneMode',
      'statusBandPct', CASE WHEN settings->>'statusBand' ~ '^\\d+(\\.\\d+)?$' THEN to_jsonb(round((settings->>'statusBand')::numeric * 100, 2)) END,
      'inspectionIndicatorIds', settings->'inspectionIndicatorIds')),
    'registry', coalesce(settings->'registry', jsonb_build_object('referenceDate', settings->'referenceDate')),
    'inspection', coalesce(settings->'inspection', jsonb_build_object(
      'rectificationDays', settings->'rectificationDays', 'rectificationReminderDays', settings->'rectificationReminderDays',
      'caseDueDays', settings->'caseDueDays')),
    'notices', coalesce(settings->'notices', '{}'::jsonb)))`;

/** Back to the flat keys (the first escalation window only; notices.reminderTime had no flat key). */
const DOWN = `
  jsonb_strip_nulls(jsonb_build_object(
    'reminderOffsetsDays', settings #> '{deadlines,reminderOffsetsDays}', 'allowOverAllocation', settings #> '{deadlines,allowOverAllocation}',
    'escalationWindow', settings #> '{escalation,windows,0}', 'escalationTime', settings #> '{escalation,time}',
    'refusalThreshold', settings #> '{escalation,refusalThreshold}',
    'incentives', settings #> '{progress,incentives}', 'bulletinCadence', settings #> '{progress,bulletinCadence}',
    'milestoneMode', settings #> '{progress,milestoneMode}',
    'statusBand', CASE WHEN jsonb_typeof(settings #> '{progress,statusBandPct}') = 'number'
                       THEN to_jsonb(trim_scale((settings #>> '{progress,statusBandPct}')::numeric / 100)::text) END,
    'inspectionIndicatorIds', settings #> '{progress,inspectionIndicatorIds}',
    'referenceDate', settings #> '{registry,referenceDate}',
    'rectificationDays', settings #> '{inspection,rectificationDays}', 'rectificationReminderDays', settings #> '{inspection,rectificationReminderDays}',
    'caseDueDays', settings #> '{inspection,caseDueDays}'))`;

export class CampaignSettingsSections1764001040000 implements MigrationInterface {
  name = 'CampaignSettingsSections1764001040000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE campaign SET settings = ${UP}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE campaign SET settings = ${DOWN}`);
  }
}
