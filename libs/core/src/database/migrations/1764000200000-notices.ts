import { MigrationInterface, QueryRunner } from 'typeorm';

/** In-app notices to platform users: one row per reason (dedupe_key), with read and delivery state. */
export class Notices1764000200000 implements MigrationInterface {
  name = 'Notices1764000200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notice (
        id                bigserial PRIMARY KEY,
        recipient_user_id int NOT NULL REFERENCES app_user(id),
        kind              text NOT NULL,
        subject           text NOT NULL,
        body              text NOT NULL,
        link_entity       text,
        link_id           text,
        dedupe_key        text NOT NULL UNIQUE,
        channel           text NOT NULL DEFAULT 'inbox' CHECK (channel IN ('inbox','sms','webhook')),
        state             text NOT NULL DEFAULT 'delivered' CHECK (state IN ('queued','sent','delivered','failed')),
        failure_reason    text,
        sent_at           timestamptz,
        delivered_at      timestamptz,
        created_at        timestamptz NOT NULL DEFAULT now(),
        read_at           timestamptz
      )`);
    await q.query(`CREATE INDEX notice_recipient_idx ON notice (recipient_user_id, id DESC)`);
    await q.query(`CREATE INDEX notice_unread_idx ON notice (recipient_user_id) WHERE read_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notice`);
  }
}
