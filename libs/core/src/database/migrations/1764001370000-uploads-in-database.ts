import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19 point 1: uploaded import files live in PostgreSQL, not on a disk the api and the worker had to share
 * (compose gave them none, so every import failed with ENOENT). A file is a row of `upload_file` and its bytes
 * are 1 MiB `upload_chunk` rows, written and read one chunk at a time (never whole in memory); deleting the file
 * deletes its chunks. `kept_at` is set when an import takes the upload: one never kept (its request refused or
 * its api gone midway) is swept. A registry import names its upload; `file_path` stays for imports filed before.
 */
export class UploadsInDatabase1764001370000 implements MigrationInterface {
  name = 'UploadsInDatabase1764001370000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE upload_file (
        id           uuid PRIMARY KEY,
        file_name    text NOT NULL,
        size         bigint NOT NULL DEFAULT 0,
        chunks       int NOT NULL DEFAULT 0,
        created_at   timestamptz NOT NULL DEFAULT now(),
        complete_at  timestamptz,
        kept_at      timestamptz
      )`);
    await q.query(`
      CREATE TABLE upload_chunk (
        upload_id  uuid NOT NULL REFERENCES upload_file(id) ON DELETE CASCADE,
        seq        int NOT NULL,
        data       bytea NOT NULL,
        PRIMARY KEY (upload_id, seq)
      )`);
    // XLSX is zipped already: no second compression attempt on every chunk
    await q.query(`ALTER TABLE upload_chunk ALTER COLUMN data SET STORAGE EXTERNAL`);
    await q.query(`CREATE INDEX upload_file_unkept_idx ON upload_file (created_at) WHERE kept_at IS NULL`);
    // no foreign key: the upload is deleted inside the import's own transaction, and no cascade touches the job row
    await q.query(`ALTER TABLE registry_import_job ADD COLUMN upload_id uuid`);
    await q.query(`ALTER TABLE registry_import_job ALTER COLUMN file_path DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE registry_import_job SET file_path = 'postgres:' || upload_id WHERE file_path IS NULL`);
    await q.query(`ALTER TABLE registry_import_job ALTER COLUMN file_path SET NOT NULL`);
    await q.query(`ALTER TABLE registry_import_job DROP COLUMN upload_id`);
    await q.query(`DROP TABLE upload_chunk`);
    await q.query(`DROP TABLE upload_file`);
  }
}
