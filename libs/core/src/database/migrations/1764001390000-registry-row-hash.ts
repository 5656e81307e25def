import { MigrationInterface, QueryRunner } from 'typeorm';

/** The columns an import writes into each entry table (libs/registry/src/import/column-sets.ts, PERSON_STAGE and EMPLOYER_STAGE, and employer_id). */
const IMPORTED: Record<string, string[]> = {
  registry_person: [
    'id_number',
    'name',
    'sex',
    'birth_date',
    'phone',
    'address',
    'org_unit_id',
    'org_unit_path',
    'source_group',
    'current_scheme',
    'insurance_status',
    'employer_uscc',
    'employer_id',
  ],
  registry_employer: [
    'uscc',
    'name',
    'legal_representative',
    'address',
    'org_unit_id',
    'org_unit_path',
    'industry',
    'staff_count',
    'insured_count',
    'uninsured_count',
    'flags',
  ],
};

/**
 * Issue 21: a re-import skips the rows the campaign already holds unchanged before it stages anything.
 * row_hash is a 64-bit hash of an entry's imported values as the import last wrote them (computed by the
 * loader, libs/registry/src/import/row-hash.ts); the loader reads the campaign's hashes and does not send
 * a row whose hash is among them. Any other write that changes an imported value (an edit, a link to an
 * employer, a moved unit) without setting a new hash clears it (trigger below), so a stale hash never
 * hides a change: the next import of that row compares its values as before. Entries written by anything
 * but an import have no hash. A migration that adds an imported column must add it to the trigger.
 */
export class RegistryRowHash1764001390000 implements MigrationInterface {
  name = 'RegistryRowHash1764001390000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION registry_row_hash_stale() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.row_hash := NULL;
        RETURN NEW;
      END $$`);
    for (const [table, columns] of Object.entries(IMPORTED)) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN row_hash bigint`);
      const list = (row: string) => columns.map((c) => `${row}.${c}`).join(', ');
      await q.query(
        `CREATE TRIGGER ${table}_row_hash_stale BEFORE UPDATE ON ${table} FOR EACH ROW
         WHEN (OLD.row_hash IS NOT NULL AND NEW.row_hash IS NOT DISTINCT FROM OLD.row_hash AND (${list('OLD')}) IS DISTINCT FROM (${list('NEW')}))
         EXECUTE FUNCTION registry_row_hash_stale()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of Object.keys(IMPORTED)) {
      await q.query(`DROP TRIGGER ${table}_row_hash_stale ON ${table}`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN row_hash`);
    }
    await q.query(`DROP FUNCTION registry_row_hash_stale()`);
  }
}
