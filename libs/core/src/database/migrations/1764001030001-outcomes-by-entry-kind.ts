import { MigrationInterface, QueryRunner } from 'typeorm';

const PERSON = `'enrolled','will_enrol','refused','insured_elsewhere','unreachable','moved_away','not_eligible','deceased'`;
const EMPLOYER = `'enrolled','will_enrol','refused','insured_elsewhere','not_eligible','moved_away','deregistered','suspended','not_found'`;
const ALL = `${PERSON},'deregistered','suspended','not_found'`;
/** An employer's records under the old rule that fit no employer: 联系不上 becomes 查无此单位, 已死亡 becomes 已注销. */
const EMPLOYER_LEGACY = `CASE $1 WHEN 'unreachable' THEN 'not_found' WHEN 'deceased' THEN 'deregistered' ELSE $1 END`;
const legacy = (column: string) => EMPLOYER_LEGACY.replace(/\$1/g, column);

/**
 * Outcomes fit the entry (registry-types.ts PERSON_OUTCOMES / EMPLOYER_OUTCOMES): an employer is
 * deregistered (注销), moves away (迁出), stops trading (停业) or is not found (查无此单位), never deceased or
 * sent to the police station. Employers' visits recorded under the old rule with a person's outcome are
 * mapped (unreachable -> not_found, deceased -> deregistered), the original kept in the visit's note; the
 * employers' status and last outcome follow. Then the checks: a visit's outcome fits its kind, and an
 * employer's status is pending or an employer outcome.
 */
export class OutcomesByEntryKind1764001030001 implements MigrationInterface {
  name = 'OutcomesByEntryKind1764001030001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE registry_visit DROP CONSTRAINT registry_visit_outcome_check`);
    await q.query(`ALTER TABLE registry_employer DROP CONSTRAINT registry_employer_status_check`);
    await q.query(
      `UPDATE registry_visit SET outcome = ${legacy('outcome')},
              note = concat_ws('；', note, '原登记结果：' || CASE outcome WHEN 'unreachable' THEN '联系不上' ELSE '已死亡' END || '（不适用于用人单位）')
        WHERE employer_id IS NOT NULL AND outcome IN ('unreachable','deceased')`,
    );
    await q.query(
      `UPDATE registry_employer SET status = ${legacy('status')}, last_outcome = ${legacy('last_outcome')}
        WHERE status IN ('unreachable','deceased') OR last_outcome IN ('unreachable','deceased')`,
    );
    await q.query(`ALTER TABLE registry_visit ADD CONSTRAINT registry_visit_outcome_check CHECK (outcome IN (${ALL}))`);
    await q.query(
      `ALTER TABLE registry_visit ADD CONSTRAINT registry_visit_outcome_kind_check
         CHECK ((person_id IS NULL OR outcome IN (${PERSON})) AND (employer_id IS NULL OR outcome IN (${EMPLOYER})))`,
    );
    await q.query(`ALTER TABLE registry_employer ADD CONSTRAINT registry_employer_status_check CHECK (status IN ('pending',${EMPLOYER}))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE registry_employer DROP CONSTRAINT registry_employer_status_check`);
    await q.query(
      `UPDATE registry_employer SET status = CASE status WHEN 'deregistered' THEN 'moved_away' WHEN 'suspended' THEN 'unreachable' WHEN 'not_found' THEN 'unreachable' ELSE status END`,
    );
    await q.query(`ALTER TABLE registry_employer ADD CONSTRAINT registry_employer_status_check CHECK (status IN ('pending',${PERSON}))`);
    await q.query(`ALTER TABLE registry_visit DROP CONSTRAINT registry_visit_outcome_kind_check`);
    await q.query(`ALTER TABLE registry_visit DROP CONSTRAINT registry_visit_outcome_check`);
    await q.query(
      `UPDATE registry_visit SET outcome = CASE outcome WHEN 'deregistered' THEN 'moved_away' WHEN 'suspended' THEN 'unreachable' WHEN 'not_found' THEN 'unreachable' ELSE outcome END`,
    );
    await q.query(`ALTER TABLE registry_visit ADD CONSTRAINT registry_visit_outcome_check CHECK (outcome IN (${PERSON}))`);
  }
}
