import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17 item 7: errors.csv gives each bad row's original values beside its reasons, so the clerk fixes
 * the row in the file they know. The values (the documented columns, in template order, as the file had
 * them) sit on the row's first error line; its other error lines leave them NULL.
 */
export class ImportErrorCells1764001270000 implements MigrationInterface {
  name = 'ImportErrorCells1764001270000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE registry_import_error ADD COLUMN cells text[]`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE registry_import_error DROP COLUMN cells`);
  }
}
