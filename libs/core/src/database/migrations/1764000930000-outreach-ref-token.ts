import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each outreach message gets a random token that is part of the ref we give the gateway
 * (om-<id>[-r<n>]-<token>). Before, refs were om-<id>: anyone who learnt the report key, or saw one
 * ref, could post delivery reports for every other message by counting. Now a report must carry the
 * token too; gen_random_uuid() is built into PostgreSQL 13+, so existing rows get one as well.
 */
export class OutreachRefToken1764000930000 implements MigrationInterface {
  name = 'OutreachRefToken1764000930000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outreach_message ADD COLUMN ref_token uuid NOT NULL DEFAULT gen_random_uuid()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outreach_message DROP COLUMN ref_token`);
  }
}
