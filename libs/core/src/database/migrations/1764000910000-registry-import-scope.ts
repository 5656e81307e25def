import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11 (imports stay in scope, uploads do not linger):
 *  - sees_all: the importer saw the whole tree when the file was uploaded (admins, the root office); every
 *    other import may touch only entries filed under its org_unit_path;
 *  - rows_out_of_scope: rows refused because their key already belongs to an entry outside that subtree
 *    (counted in rows_bad too);
 *  - file_removed_at: when the uploaded file was deleted (at the end of the import, or by the sweep of
 *    failed ones); a failed import without its file cannot be retried.
 */
export class RegistryImportScope1764000910000 implements MigrationInterface {
  name = 'RegistryImportScope1764000910000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE registry_import_job
        ADD COLUMN sees_all boolean NOT NULL DEFAULT false,
        ADD COLUMN rows_out_of_scope int NOT NULL DEFAULT 0,
        ADD COLUMN file_removed_at timestamptz`);
    // the sweep looks for failed imports whose file is still there
    await q.query(`CREATE INDEX registry_import_job_failed_file_idx ON registry_import_job (finished_at) WHERE status = 'failed' AND file_removed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX registry_import_job_failed_file_idx`);
    await q.query(`ALTER TABLE registry_import_job DROP COLUMN sees_all, DROP COLUMN rows_out_of_scope, DROP COLUMN file_removed_at`);
  }
}
