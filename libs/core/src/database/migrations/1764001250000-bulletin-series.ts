import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17 point 3: bulletins in series. A campaign issues several cadences at once (seeds 002 to 004), each
 * issuing unit (the campaign's, and every unit that split its task to its children) its own series per cadence,
 * numbered 第N期. One bulletin per (campaign, unit, cadence, period end), and one number per series: these keys,
 * not timing, make each happen once. The setting progress.bulletinCadence becomes the list bulletinCadences.
 */
export class BulletinSeries1764001250000 implements MigrationInterface {
  name = 'BulletinSeries1764001250000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE bulletin ADD COLUMN cadence text, ADD COLUMN period_end date, ADD COLUMN issue_no int`);
    // a bulletin so far: of its campaign's one cadence, its own period (its date), numbered in date order per unit
    await q.query(`
      UPDATE bulletin b SET cadence = x.cadence, period_end = b.bulletin_date, issue_no = x.n
        FROM (SELECT b2.id,
                     CASE WHEN coalesce(c.settings #>> '{progress,bulletinCadence}', c.settings->>'bulletinCadence') IN ('biweekly','monthly','quarterly')
                          THEN coalesce(c.settings #>> '{progress,bulletinCadence}', c.settings->>'bulletinCadence') ELSE 'biweekly' END AS cadence,
                     row_number() OVER (PARTITION BY b2.campaign_id, b2.unit_id ORDER BY b2.bulletin_date, b2.id)::int AS n
                FROM bulletin b2 JOIN campaign c ON c.id = b2.campaign_id) x
       WHERE x.id = b.id`);
    await q.query(`ALTER TABLE bulletin ALTER COLUMN cadence SET NOT NULL, ALTER COLUMN period_end SET NOT NULL, ALTER COLUMN issue_no SET NOT NULL`);
    await q.query(`ALTER TABLE bulletin ADD CONSTRAINT bulletin_cadence_check CHECK (cadence IN ('biweekly','monthly','quarterly','yearly'))`);
    await q.query(`ALTER TABLE bulletin ADD CONSTRAINT bulletin_issue_no_check CHECK (issue_no >= 1)`);
    await q.query(`ALTER TABLE bulletin DROP CONSTRAINT bulletin_campaign_id_unit_id_bulletin_date_key`);
    await q.query(`ALTER TABLE bulletin ADD CONSTRAINT bulletin_period_key UNIQUE (campaign_id, unit_id, cadence, period_end)`);
    await q.query(`ALTER TABLE bulletin ADD CONSTRAINT bulletin_issue_no_key UNIQUE (campaign_id, unit_id, cadence, issue_no)`);
    await q.query(`
      UPDATE campaign SET settings = jsonb_set(settings #- '{progress,bulletinCadence}', '{progress,bulletinCadences}',
                                               jsonb_build_array(settings #> '{progress,bulletinCadence}'))
       WHERE jsonb_typeof(settings #> '{progress,bulletinCadence}') = 'string'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      UPDATE campaign SET settings = jsonb_set(settings #- '{progress,bulletinCadences}', '{progress,bulletinCadence}',
                                               CASE WHEN settings #>> '{progress,bulletinCadences,0}' = 'yearly' THEN '"quarterly"'::jsonb
                                                    ELSE settings #> '{progress,bulletinCadences,0}' END)
       WHERE jsonb_typeof(settings #> '{progress,bulletinCadences,0}') = 'string'`);
    // one bulletin per campaign, unit and date again: the first issued of each date stays
    await q.query(`
      DELETE FROM bulletin b USING bulletin k
       WHERE k.campaign_id = b.campaign_id AND k.unit_id = b.unit_id AND k.bulletin_date = b.bulletin_date AND k.id < b.id`);
    await q.query(`ALTER TABLE bulletin DROP CONSTRAINT bulletin_issue_no_key, DROP CONSTRAINT bulletin_period_key`);
    await q.query(`ALTER TABLE bulletin ADD CONSTRAINT bulletin_campaign_id_unit_id_bulletin_date_key UNIQUE (campaign_id, unit_id, bulletin_date)`);
    await q.query(`ALTER TABLE bulletin DROP COLUMN issue_no, DROP COLUMN period_end, DROP COLUMN cadence`);
  }
}
