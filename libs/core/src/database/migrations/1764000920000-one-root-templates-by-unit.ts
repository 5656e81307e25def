import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One organisation tree per installation: at most one unit without a parent (a unique index on a
 * constant over the roots), so a second root is a unique violation whatever path wrote it.
 * Message templates belong to a unit: org_unit_id NULL is the root's (installation-wide) template,
 * which is what every existing template becomes; a unit's own template overrides its ancestors' for
 * the same kind. A round names a kind, resolved to the nearest template up its unit's path, so its
 * foreign key to notice_template(kind) goes.
 */
export class OneRootTemplatesByUnit1764000920000 implements MigrationInterface {
  name = 'OneRootTemplatesByUnit1764000920000';

  async up(q: QueryRunner): Promise<void> {
    const [{ n }] = await q.query(`SELECT count(*)::int AS n FROM org_unit WHERE parent_id IS NULL`);
    if (n > 1) {
      throw new Error(`this installation has ${n} top units; one tree per installation: move the other trees under one root before upgrading`);
    }
    await q.query(`CREATE UNIQUE INDEX org_unit_one_root ON org_unit ((true)) WHERE parent_id IS NULL`);

    await q.query(`ALTER TABLE reminder_round DROP CONSTRAINT reminder_round_template_kind_fkey`);
    await q.query(`ALTER TABLE notice_template DROP CONSTRAINT notice_template_pkey`);
    await q.query(`ALTER TABLE notice_template ADD COLUMN id serial PRIMARY KEY, ADD COLUMN org_unit_id int REFERENCES org_unit(id)`);
    await q.query(`ALTER TABLE notice_template ADD CONSTRAINT notice_template_unit_kind_key UNIQUE NULLS NOT DISTINCT (org_unit_id, kind)`);
    await q.query(`CREATE INDEX notice_template_kind_idx ON notice_template (kind)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM notice_template WHERE org_unit_id IS NOT NULL`);
    await q.query(`ALTER TABLE notice_template DROP CONSTRAINT notice_template_unit_kind_key, DROP COLUMN org_unit_id, DROP COLUMN id`);
    await q.query(`DROP INDEX notice_template_kind_idx`);
    await q.query(`ALTER TABLE notice_template ADD PRIMARY KEY (kind)`);
    await q.query(`ALTER TABLE reminder_round ADD CONSTRAINT reminder_round_template_kind_fkey FOREIGN KEY (template_kind) REFERENCES notice_template(kind)`);
    await q.query(`DROP INDEX org_unit_one_root`);
  }
}
