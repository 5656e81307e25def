import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20 point 4: staff notices where officials read them.
 * - notice_robot: a unit's DingTalk or WeCom group robot (webhook URL, DingTalk's signing secret), set by the office;
 *   the kinds it relays.
 * - notice_preference: a user's channel for escalations (inbox only, or SMS too).
 * - notice_dispatch: one relay of a notice item to a robot or an SMS, once per (channel, destination, reason):
 *   a group hears a reason once however many of its members got the item; queued → sent | failed, retried by its job.
 * - notice_reescalation: an escalation item that stayed unread past the set time and was escalated once more
 *   (its primary key makes that happen once). The escalations filed before this feature are entered as
 *   `before_feature` (not escalated): otherwise the first pass after the deploy would escalate every old unread one.
 */
export class NoticeChannels1764001361000 implements MigrationInterface {
  name = 'NoticeChannels1764001361000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notice_robot (
        org_unit_id  int PRIMARY KEY REFERENCES org_unit(id),
        provider     text NOT NULL CHECK (provider IN ('dingtalk','wecom')),
        url          text NOT NULL,
        secret       text,
        kinds        text[] NOT NULL,
        enabled      boolean NOT NULL DEFAULT true,
        updated_by   int REFERENCES app_user(id),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        CHECK (provider <> 'dingtalk' OR secret IS NOT NULL)
      )`);
    await q.query(`
      CREATE TABLE notice_preference (
        user_id             int PRIMARY KEY REFERENCES app_user(id),
        escalation_channel  text NOT NULL CHECK (escalation_channel IN ('inbox','sms')),
        updated_at          timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE notice_dispatch (
        id           bigserial PRIMARY KEY,
        item_id      bigint NOT NULL REFERENCES notice_item(id),
        channel      text NOT NULL CHECK (channel IN ('dingtalk','wecom','sms')),
        destination  text NOT NULL,
        reason       text NOT NULL,
        state        text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','sent','failed')),
        attempts     int NOT NULL DEFAULT 0,
        last_error   text,
        created_at   timestamptz NOT NULL,
        sent_at      timestamptz,
        UNIQUE (channel, destination, reason)
      )`);
    await q.query(`CREATE INDEX notice_dispatch_item_idx ON notice_dispatch (item_id)`);
    await q.query(`
      CREATE TABLE notice_reescalation (
        item_id         bigint PRIMARY KEY REFERENCES notice_item(id),
        created_at      timestamptz NOT NULL,
        before_feature  boolean NOT NULL DEFAULT false
      )`);
    await q.query(
      `INSERT INTO notice_reescalation (item_id, created_at, before_feature) SELECT id, now(), true FROM notice_item WHERE kind = 'task.escalation'`,
    );
    await q.query(`CREATE INDEX notice_item_kind_created_idx ON notice_item (kind, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notice_item_kind_created_idx`);
    await q.query(`DROP TABLE notice_reescalation`);
    await q.query(`DROP TABLE notice_dispatch`);
    await q.query(`DROP TABLE notice_preference`);
    await q.query(`DROP TABLE notice_robot`);
  }
}
