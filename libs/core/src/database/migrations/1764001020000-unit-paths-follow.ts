import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every copy of a unit's path kept for scoping ([table, column]): entries, visits, imports, reminder
 * rounds, cutoff runs and inspection cases are filed under their unit's path so that a scope is one
 * range scan. The audit log is not here: it records where an event happened at the time (append-only).
 */
const PATH_COPIES: [string, string][] = [
  ['registry_person', 'org_unit_path'],
  ['registry_employer', 'org_unit_path'],
  ['registry_visit', 'org_unit_path'],
  ['registry_import_job', 'org_unit_path'],
  ['reminder_round', 'org_unit_path'],
  ['cutoff_run', 'district_path'],
  ['inspection_case', 'department_path'],
];

/** The units of the statement whose path changed, with the old path and the new one. */
const CHANGED = `SELECT o.path AS old_path, n.path AS new_path FROM old_units o JOIN new_units n USING (id) WHERE o.path <> n.path`;

/**
 * Issue 12: a unit that moves (org: one UPDATE of the path prefix of its subtree) takes everything filed
 * under its path, and under its descendants' paths, along: a copy equal to a moved unit's old path gets
 * its new one, in the moving transaction, whoever moves it. The managers of the moved units keep their
 * entries in scope, the old parent's managers no longer see them and the new parent's do. Users need
 * nothing: their scope is read from their unit's row at each request. Task figures follow through the
 * progress rollup's own trigger (progress_unit_moved).
 */
export class UnitPathsFollow1764001020000 implements MigrationInterface {
  name = 'UnitPathsFollow1764001020000';

  async up(q: QueryRunner): Promise<void> {
    const updates = PATH_COPIES.map(([t, c]) => `WITH chg AS (${CHANGED}) UPDATE ${t} x SET ${c} = chg.new_path FROM chg WHERE x.${c} = chg.old_path;`);
    await q.query(`
      CREATE FUNCTION org_unit_paths_follow() RETURNS trigger LANGUAGE plpgsql SET jit = off AS $$
      BEGIN
        IF NOT EXISTS (${CHANGED}) THEN RETURN NULL; END IF;
        ${updates.join('\n        ')}
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER org_unit_paths_follow AFTER UPDATE ON org_unit
      REFERENCING OLD TABLE AS old_units NEW TABLE AS new_units FOR EACH STATEMENT EXECUTE FUNCTION org_unit_paths_follow()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER org_unit_paths_follow ON org_unit`);
    await q.query(`DROP FUNCTION org_unit_paths_follow()`);
  }
}
