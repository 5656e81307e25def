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
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX org_unit_one_root`);
  }
}
