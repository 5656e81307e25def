import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17 point 2: progress.reportCadence, how often units holding tasks report. New campaigns take the default
 * (monthly, seed 003's 月度报告); a campaign already running with fortnightly bulletins (the old default, seed 004)
 * gets fortnightly reporting, so its bulletins have fresh figures; any other, monthly. A cadence already set is kept.
 */
export class ReportCadence1764001260000 implements MigrationInterface {
  name = 'ReportCadence1764001260000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE campaign SET settings = settings || jsonb_build_object('progress',
          CASE WHEN jsonb_typeof(settings->'progress') = 'object' THEN settings->'progress' ELSE '{}'::jsonb END
          || jsonb_build_object('reportCadence',
               CASE WHEN coalesce(settings #>> '{progress,bulletinCadence}', settings->>'bulletinCadence', 'biweekly') = 'biweekly'
                    THEN 'biweekly' ELSE 'monthly' END))
       WHERE settings #> '{progress,reportCadence}' IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE campaign SET settings = jsonb_set(settings, '{progress}', (settings->'progress') - 'reportCadence')
                    WHERE jsonb_typeof(settings->'progress') = 'object'`);
  }
}
