import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each enrolee is rewarded once (seed 000: per person a unit or cadre mobilised). A settlement line keeps
 * its figure (new_enrolees, which decides the tier) and now also `mobilised`: the enrolees counted at its
 * own level, not on a child task's line, which is what its reward is paid for. Lines computed before were
 * paid for their whole figure: they keep that as their `mobilised`, so a confirmed settlement reads as it
 * was paid; a draft shows the new rule once the office recomputes it.
 */
export class SettlementMobilised1764001030000 implements MigrationInterface {
  name = 'SettlementMobilised1764001030000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE settlement_line ADD COLUMN mobilised numeric`);
    await q.query(`UPDATE settlement_line SET mobilised = new_enrolees`);
    await q.query(`ALTER TABLE settlement_line ALTER COLUMN mobilised SET NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE settlement_line DROP COLUMN mobilised`);
  }
}
