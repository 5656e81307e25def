import { MigrationInterface, QueryRunner } from 'typeorm';

/** Foreign keys of registry entries that this migration replaces: [table, constraint, column, referenced table]. */
const REPLACED_FKS: [string, string, string, string][] = [
  ['registry_person', 'registry_person_org_unit_id_fkey', 'org_unit_id', 'org_unit'],
  ['registry_person', 'registry_person_campaign_fk', 'campaign_id', 'campaign'],
  ['registry_person', 'registry_person_cadre_id_fkey', 'cadre_id', 'app_user'],
  ['registry_person', 'registry_person_employer_id_fkey', 'employer_id', 'registry_employer'],
  ['registry_employer', 'registry_employer_org_unit_id_fkey', 'org_unit_id', 'org_unit'],
  ['registry_employer', 'registry_employer_campaign_fk', 'campaign_id', 'campaign'],
  ['registry_employer', 'registry_employer_cadre_id_fkey', 'cadre_id', 'app_user'],
];

/**
 * The delete guard of the tables registry entries point at (org_unit, campaign, app_user and, with
 * `employerBranch`, registry_employer, which people point at; migration 1764000700000 moves that one
 * into the entry tables' own guard).
 */
export function refuseReferencedDeleteSql(employerBranch: boolean): string {
  const cadre = `EXISTS (SELECT 1 FROM registry_person WHERE cadre_id = OLD.id) OR EXISTS (SELECT 1 FROM registry_employer WHERE cadre_id = OLD.id)`;
  return `
      CREATE OR REPLACE FUNCTION registry_refuse_referenced_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        referenced boolean;
      BEGIN
        IF TG_TABLE_NAME = 'org_unit' THEN
          referenced := EXISTS (SELECT 1 FROM registry_person WHERE org_unit_id = OLD.id) OR EXISTS (SELECT 1 FROM registry_employer WHERE org_unit_id = OLD.id);
        ELSIF TG_TABLE_NAME = 'campaign' THEN
          referenced := EXISTS (SELECT 1 FROM registry_person WHERE campaign_id = OLD.id) OR EXISTS (SELECT 1 FROM registry_employer WHERE campaign_id = OLD.id);
        ${
          employerBranch
            ? `ELSIF TG_TABLE_NAME = 'app_user' THEN
          referenced := ${cadre};
        ELSE
          referenced := EXISTS (SELECT 1 FROM registry_person WHERE employer_id = OLD.id);`
            : `ELSE
          referenced := ${cadre};`
        }
        END IF;
        IF referenced THEN
          RAISE EXCEPTION 'registry entries still reference % %', TG_TABLE_NAME, OLD.id USING ERRCODE = 'foreign_key_violation';
        END IF;
        RETURN OLD;
      END $$`;
}

/**
 * Registry imports load a million entries in one statement. A foreign key checks every inserted row
 * with its own trigger query (about 11 of the 20 s of a 1.1 M-person import, measured), even when the
 * value is NULL. The import already takes its unit and campaign from a join (locked FOR KEY SHARE,
 * as the key check would), and cadres and employers are set from rows it has just read, so the
 * per-row checks go. What a foreign key also did, refuse to delete a row that entries still
 * reference, is kept by one BEFORE DELETE trigger on each referenced table (SQLSTATE 23503, as before).
 * The cadre indexes become partial: imported entries have no cadre and need no index entry.
 */
export class RegistryBulkLoad1764000300002 implements MigrationInterface {
  name = 'RegistryBulkLoad1764000300002';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, constraint] of REPLACED_FKS) await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${constraint}`);
    await q.query(refuseReferencedDeleteSql(true));
    for (const t of ['org_unit', 'campaign', 'app_user', 'registry_employer']) {
      await q.query(`CREATE TRIGGER ${t}_registry_refs BEFORE DELETE ON ${t} FOR EACH ROW EXECUTE FUNCTION registry_refuse_referenced_delete()`);
    }
    for (const t of ['registry_person', 'registry_employer']) {
      await q.query(`DROP INDEX ${t}_cadre_idx`);
      await q.query(`CREATE INDEX ${t}_cadre_idx ON ${t} (cadre_id) WHERE cadre_id IS NOT NULL`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['registry_person', 'registry_employer']) {
      await q.query(`DROP INDEX ${t}_cadre_idx`);
      await q.query(`CREATE INDEX ${t}_cadre_idx ON ${t} (cadre_id)`);
    }
    for (const t of ['org_unit', 'campaign', 'app_user', 'registry_employer']) await q.query(`DROP TRIGGER ${t}_registry_refs ON ${t}`);
    await q.query(`DROP FUNCTION registry_refuse_referenced_delete()`);
    for (const [table, constraint, column, ref] of REPLACED_FKS) {
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${constraint} FOREIGN KEY (${column}) REFERENCES ${ref}(id)`);
    }
  }
}
