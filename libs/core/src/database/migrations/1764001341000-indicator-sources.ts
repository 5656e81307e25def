import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 16 points 3 and 4: seed 004's land indicators and the hardship groups' 三个100% are campaign indicators
 * whose figures come from the records, never typed in. indicator.source says where a ratio's numerator and
 * denominator come from: 'reports' (progress reports and credits, as before) or one of the six record sources.
 * registry_indicator_fact_v (owned by registry) lists each record's contribution as dated facts, like
 * progress_rollup's daily changes: a unit's figure as of D is the sum over its subtree of the facts dated D or
 * earlier. A fact that has no date of its own (a project's fund, a person listed, of pension age on the campaign's
 * reference date) counts from the beginning ('-infinity'); land projects belong to no campaign (campaign_id null)
 * and count in every campaign whose unit holds them. The same counts as GET /api/land-projects/indicators and
 * GET /api/hardship/rates.
 */
export class IndicatorSources1764001341000 implements MigrationInterface {
  name = 'IndicatorSources1764001341000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE indicator ADD COLUMN source text NOT NULL DEFAULT 'reports'
      CHECK (source IN ('reports', 'land_projects_verified', 'land_fund_arrival', 'land_farmers_insured',
                        'hardship_registration', 'hardship_payment', 'hardship_benefit')),
      ADD CONSTRAINT indicator_source_ratio CHECK (source = 'reports' OR kind = 'ratio')`);
    await q.query(`CREATE OR REPLACE VIEW campaigns_indicator_v AS SELECT id, campaign_id, code, name, unit, kind, insurance_type, source FROM indicator`);
    await q.query(`
      CREATE VIEW registry_indicator_fact_v AS
        WITH p AS (
          SELECT p.id, u.path, p.fund_due, p.fund_arrived,
                 count(f.id) AS listed, count(f.id) FILTER (WHERE f.verified) AS verified, max(f.verified_on) AS last_verified_on
            FROM land_project p JOIN org_unit u ON u.id = p.org_unit_id LEFT JOIN land_farmer f ON f.project_id = p.id
           GROUP BY p.id, u.path
        ), lf AS (
          SELECT u.path, coalesce(f.verified_on, '-infinity'::date) AS verified_on, f.subsidy_paid_on
            FROM land_farmer f JOIN land_project p ON p.id = f.project_id JOIN org_unit u ON u.id = p.org_unit_id
           WHERE f.verified
        ), h AS (
          SELECT h.campaign_id, h.org_unit_path AS path, h.registered_on, h.paid_on, h.benefit_on,
                 (extract(year from r.d)::int - extract(year from h.birth_date)::int
                   - CASE WHEN to_char(r.d, 'MM-DD') < to_char(h.birth_date, 'MM-DD') THEN 1 ELSE 0 END) >= 60 AS eligible
            FROM registry_hardship_person h
            JOIN LATERAL (SELECT coalesce(coalesce(c.settings #>> '{registry,referenceDate}', c.settings->>'referenceDate')::date, c.starts_on) AS d
                            FROM campaign c WHERE c.id = h.campaign_id) r ON true
        )
        SELECT 'land_projects_verified'::text AS source, NULL::int AS campaign_id, path AS org_unit_path, '-infinity'::date AS as_of, 0::numeric AS num, 1::numeric AS den FROM p
        UNION ALL SELECT 'land_projects_verified', NULL, path, coalesce(last_verified_on, '-infinity'), 1, 0 FROM p WHERE listed > 0 AND verified >= listed
        UNION ALL SELECT 'land_fund_arrival', NULL, path, '-infinity', fund_arrived, fund_due FROM p
        UNION ALL SELECT 'land_farmers_insured', NULL, path, verified_on, 0, 1 FROM lf
        UNION ALL SELECT 'land_farmers_insured', NULL, path, greatest(verified_on, subsidy_paid_on), 1, 0 FROM lf WHERE subsidy_paid_on IS NOT NULL
        UNION ALL SELECT 'hardship_registration', campaign_id, path, '-infinity', 0, 1 FROM h
        UNION ALL SELECT 'hardship_registration', campaign_id, path, registered_on, 1, 0 FROM h WHERE registered_on IS NOT NULL
        UNION ALL SELECT 'hardship_payment', campaign_id, path, registered_on, 0, 1 FROM h WHERE registered_on IS NOT NULL
        UNION ALL SELECT 'hardship_payment', campaign_id, path, greatest(paid_on, registered_on), 1, 0 FROM h WHERE paid_on IS NOT NULL
        UNION ALL SELECT 'hardship_benefit', campaign_id, path, '-infinity', 0, 1 FROM h WHERE eligible
        UNION ALL SELECT 'hardship_benefit', campaign_id, path, benefit_on, 1, 0 FROM h WHERE benefit_on IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW registry_indicator_fact_v`);
    await q.query(`DROP VIEW campaigns_indicator_v`);
    await q.query(`CREATE VIEW campaigns_indicator_v AS SELECT id, campaign_id, code, name, unit, kind, insurance_type FROM indicator`);
    await q.query(`ALTER TABLE indicator DROP CONSTRAINT indicator_source_ratio, DROP COLUMN source`);
  }
}
