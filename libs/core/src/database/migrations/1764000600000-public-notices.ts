import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices to the public: message templates, reminder rounds over registry people, and one outreach
 * message per (round, person) with its delivery state. UNIQUE (round_id, person_id) is what makes a
 * round send one message per person however often it is started or how many workers run it.
 */
export class PublicNotices1764000600000 implements MigrationInterface {
  name = 'PublicNotices1764000600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notice_template (
        kind        text PRIMARY KEY,
        name        text NOT NULL,
        body        text NOT NULL,
        variables   text[] NOT NULL,
        updated_by  int REFERENCES app_user(id),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      INSERT INTO notice_template (kind, name, body, variables) VALUES
       ('reminder.lapsed', '断缴提醒', '{{name}}您好：您的养老保险已中断缴费，本年度个人缴费标准为{{amount}}元，请于{{deadline}}前续缴，以免影响待遇。咨询电话{{officePhone}}。', '{name,amount,deadline,officePhone}'),
       ('reminder.will_enrol', '参保提醒', '{{name}}您好：感谢您表示愿意参加养老保险，请于{{deadline}}前办理参保缴费。咨询电话{{officePhone}}。', '{name,deadline,officePhone}'),
       ('reminder.not_visited', '参保告知', '{{name}}您好：按照应保尽保工作要求，请您于{{deadline}}前了解并办理养老保险参保。咨询电话{{officePhone}}。', '{name,deadline,officePhone}')`);
    await q.query(`
      CREATE TABLE reminder_round (
        id             serial PRIMARY KEY,
        campaign_id    int NOT NULL REFERENCES campaign(id),
        name           text NOT NULL,
        org_unit_id    int NOT NULL REFERENCES org_unit(id),
        org_unit_path  text NOT NULL,
        target         text NOT NULL CHECK (target IN ('lapsed','will_enrol','not_visited')),
        channel        text NOT NULL CHECK (channel IN ('sms','webhook')),
        template_kind  text NOT NULL REFERENCES notice_template(kind),
        planned_for    date NOT NULL,
        amount         numeric(12,2),
        deadline       date,
        office_phone   text,
        status         text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','running','finished')),
        starts         int NOT NULL DEFAULT 0,
        expand_cursor  bigint NOT NULL DEFAULT 0,
        expanded_at    timestamptz,
        created_by     int REFERENCES app_user(id),
        created_at     timestamptz NOT NULL DEFAULT now(),
        started_at     timestamptz,
        finished_at    timestamptz
      )`);
    await q.query(`CREATE INDEX reminder_round_path_idx ON reminder_round (org_unit_path text_pattern_ops)`);
    await q.query(`
      CREATE TABLE outreach_message (
        id                 bigserial PRIMARY KEY,
        round_id           int NOT NULL REFERENCES reminder_round(id),
        person_id          bigint NOT NULL REFERENCES registry_person(id),
        channel            text NOT NULL CHECK (channel IN ('sms','webhook')),
        state              text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','sending','sent','delivered','failed','skipped')),
        recipient          text,
        body               text,
        failure_reason     text,
        failure_permanent  boolean NOT NULL DEFAULT false,
        gateway_id         text,
        attempts           int NOT NULL DEFAULT 0,
        resends            int NOT NULL DEFAULT 0,
        held_until         timestamptz,
        claimed_at         timestamptz,
        queued_at          timestamptz NOT NULL DEFAULT now(),
        sent_at            timestamptz,
        delivered_at       timestamptz,
        failed_at          timestamptz,
        UNIQUE (round_id, person_id)
      )`);
    await q.query(`CREATE INDEX outreach_message_person_idx ON outreach_message (person_id, sent_at)`);
    await q.query(`CREATE INDEX outreach_message_held_idx ON outreach_message (held_until) WHERE state = 'queued' AND held_until IS NOT NULL`);
    await q.query(`CREATE INDEX outreach_message_sending_idx ON outreach_message (claimed_at) WHERE state = 'sending'`);
    await q.query(`CREATE INDEX outreach_message_round_state_idx ON outreach_message (round_id, state)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outreach_message, reminder_round, notice_template`);
  }
}
