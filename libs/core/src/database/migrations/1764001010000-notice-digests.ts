import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff notices become digests (issue 12 §2): one notice per (recipient, kind, business day) that lists
 * its items. An item is one reason (dedupe_key, unique for ever, as the notice's key was before); the
 * digest is found by the partial unique index on (recipient_user_id, kind, digest_on) and upserted.
 * Notices from before keep digest_on NULL and become a digest of their one item.
 */
export class NoticeDigests1764001010000 implements MigrationInterface {
  name = 'NoticeDigests1764001010000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notice
        ADD COLUMN digest_on  date,
        ADD COLUMN item_count int NOT NULL DEFAULT 1 CHECK (item_count >= 0),
        ADD COLUMN updated_at timestamptz,
        ALTER COLUMN dedupe_key DROP NOT NULL`);
    await q.query(`UPDATE notice SET updated_at = created_at`);
    await q.query(`ALTER TABLE notice ALTER COLUMN updated_at SET NOT NULL, ALTER COLUMN updated_at SET DEFAULT now()`);
    await q.query(`CREATE UNIQUE INDEX notice_digest_uq ON notice (recipient_user_id, kind, digest_on) WHERE digest_on IS NOT NULL`);
    await q.query(`CREATE INDEX notice_inbox_idx ON notice (recipient_user_id, updated_at DESC, id DESC)`);
    // notice_id is set in the transaction that inserts the item (the item is claimed first, then its digest upserted)
    await q.query(`
      CREATE TABLE notice_item (
        id                bigserial PRIMARY KEY,
        notice_id         bigint REFERENCES notice(id) ON DELETE CASCADE,
        recipient_user_id int NOT NULL REFERENCES app_user(id),
        kind              text NOT NULL,
        dedupe_key        text NOT NULL UNIQUE,
        subject           text NOT NULL,
        body              text NOT NULL,
        link_entity       text,
        link_id           text,
        created_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX notice_item_notice_idx ON notice_item (notice_id, id)`);
    await q.query(`
      INSERT INTO notice_item (notice_id, recipient_user_id, kind, dedupe_key, subject, body, link_entity, link_id, created_at)
      SELECT id, recipient_user_id, kind, dedupe_key, subject, body, link_entity, link_id, created_at FROM notice ORDER BY id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notice_item`);
    await q.query(`DELETE FROM notice WHERE dedupe_key IS NULL`);
    await q.query(`DROP INDEX notice_inbox_idx`);
    await q.query(`DROP INDEX notice_digest_uq`);
    await q.query(`ALTER TABLE notice DROP COLUMN digest_on, DROP COLUMN item_count, DROP COLUMN updated_at, ALTER COLUMN dedupe_key SET NOT NULL`);
  }
}
