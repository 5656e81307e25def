import { MigrationInterface, QueryRunner } from 'typeorm';
import { refuseReferencedDeleteSql } from './1764000300002-registry-bulk-load';

/** Foreign keys that point at entry ids: [table, constraint, column, entry table]. */
const ENTRY_REFERENCES: [string, string, string, 'registry_person' | 'registry_employer'][] = [
  ['registry_visit', 'registry_visit_person_id_fkey', 'person_id', 'registry_person'],
  ['registry_visit', 'registry_visit_employer_id_fkey', 'employer_id', 'registry_employer'],
  ['registry_assignment', 'registry_assignment_person_id_fkey', 'person_id', 'registry_person'],
  ['registry_assignment', 'registry_assignment_employer_id_fkey', 'employer_id', 'registry_employer'],
  ['inspection_list_entry', 'inspection_list_entry_employer_id_fkey', 'employer_id', 'registry_employer'],
  ['cutoff_submission_entry', 'cutoff_submission_entry_employer_id_fkey', 'employer_id', 'registry_employer'],
  ['inspection_case', 'inspection_case_employer_id_fkey', 'employer_id', 'registry_employer'],
  ['outreach_message', 'outreach_message_person_id_fkey', 'person_id', 'registry_person'],
];

/** Each entry table: its natural key and the indexes it had, rebuilt on the partitioned table. */
const ENTRY_TABLES = [
  {
    table: 'registry_employer',
    key: 'uscc',
    codes: ['uscc'],
    indexes: [
      ['registry_employer_path_idx', '(org_unit_path text_pattern_ops)'],
      ['registry_employer_cadre_idx', '(cadre_id) WHERE cadre_id IS NOT NULL'],
      ['registry_employer_refusal_idx', '(campaign_id, refusal_count) WHERE refusal_count > 0'],
      ['registry_employer_uninsured_idx', '(campaign_id, uninsured_count)'],
    ],
  },
  {
    table: 'registry_person',
    key: 'id_number',
    codes: ['id_number', 'employer_uscc'],
    indexes: [
      ['registry_person_path_idx', '(org_unit_path text_pattern_ops)'],
      ['registry_person_cadre_idx', '(cadre_id) WHERE cadre_id IS NOT NULL'],
      ['registry_person_employer_idx', '(employer_id) WHERE employer_id IS NOT NULL'],
      ['registry_person_employer_uscc_idx', '(campaign_id, employer_uscc) WHERE employer_uscc IS NOT NULL'],
    ],
  },
];

/**
 * Registry entries are partitioned by campaign (LIST on campaign_id). A campaign's first import of
 * people (or employers) loads a new, index-less table, builds its indexes once, sorted, and attaches
 * it as that campaign's partition, all in the import's transaction: building an index after the load
 * costs a fraction of maintaining it row by row (1.2 M people: about 1 s against 5.5 s). Entries of a
 * campaign without a partition of its own (entries written directly, and every row from before this
 * migration) live in the DEFAULT partition.
 *
 * A partitioned table's unique keys must include campaign_id, so the primary key becomes (id,
 * campaign_id) (ids still come from one sequence, and id stays its leading column for lookups), and
 * the foreign keys that pointed at entry ids become triggers doing what they did: a referencing row
 * must name an existing entry (its key share-locked, as a key check would), and an entry that is
 * still referenced cannot be deleted (SQLSTATE 23503 in both cases, as before).
 */
export class RegistryEntryPartitions1764000700000 implements MigrationInterface {
  name = 'RegistryEntryPartitions1764000700000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, constraint] of ENTRY_REFERENCES) await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${constraint}`);
    // The employer's old delete guard (people pointing at it) is folded into the entry guard below.
    await q.query(`DROP TRIGGER registry_employer_registry_refs ON registry_employer`);
    await q.query(refuseReferencedDeleteSql(false));

    for (const { table, key, codes, indexes } of ENTRY_TABLES) {
      await q.query(`ALTER TABLE ${table} RENAME TO ${table}_default`);
      await q.query(`ALTER TABLE ${table}_default DROP CONSTRAINT ${table}_pkey, DROP CONSTRAINT ${table}_campaign_id_${key}_key`);
      for (const [name] of indexes) await q.query(`DROP INDEX ${name}`);
      // Codes of digits and capital letters compare byte by byte: the same order, and the unique index sorts faster.
      for (const c of codes) await q.query(`ALTER TABLE ${table}_default ALTER COLUMN ${c} TYPE text COLLATE "C"`);
      await q.query(`CREATE TABLE ${table} (LIKE ${table}_default INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY LIST (campaign_id)`);
      await q.query(`ALTER SEQUENCE ${table}_id_seq OWNED BY ${table}.id`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_pkey PRIMARY KEY (id, campaign_id)`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_campaign_id_${key}_key UNIQUE (campaign_id, ${key})`);
      for (const [name, def] of indexes) await q.query(`CREATE INDEX ${name} ON ${table} ${def}`);
      await q.query(`ALTER TABLE ${table} ATTACH PARTITION ${table}_default DEFAULT`);
    }

    await q.query(`
      CREATE FUNCTION registry_entry_must_exist() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- TG_ARGV[0]: the referencing column, person_id or employer_id
        IF TG_ARGV[0] = 'person_id' THEN
          IF NEW.person_id IS NOT NULL THEN
            PERFORM 1 FROM registry_person WHERE id = NEW.person_id FOR KEY SHARE;
            IF NOT FOUND THEN
              RAISE EXCEPTION 'registry person % does not exist (%.person_id)', NEW.person_id, TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation';
            END IF;
          END IF;
        ELSIF NEW.employer_id IS NOT NULL THEN
          PERFORM 1 FROM registry_employer WHERE id = NEW.employer_id FOR KEY SHARE;
          IF NOT FOUND THEN
            RAISE EXCEPTION 'registry employer % does not exist (%.employer_id)', NEW.employer_id, TG_TABLE_NAME USING ERRCODE = 'foreign_key_violation';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);
    for (const [table, , column] of ENTRY_REFERENCES) {
      await q.query(
        `CREATE TRIGGER ${table}_${column}_exists BEFORE INSERT OR UPDATE OF ${column} ON ${table} FOR EACH ROW EXECUTE FUNCTION registry_entry_must_exist('${column}')`,
      );
    }
    // TG_ARGV: the entry table (a partition's trigger names the partition), then the "table.column" pairs that may point at its rows.
    await q.query(`
      CREATE FUNCTION registry_entry_refuse_referenced_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        ref text;
        referenced boolean;
      BEGIN
        FOREACH ref IN ARRAY TG_ARGV[1:] LOOP
          EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I = $1)', split_part(ref, '.', 1), split_part(ref, '.', 2)) INTO referenced USING OLD.id;
          IF referenced THEN
            RAISE EXCEPTION '% still references % %', ref, TG_ARGV[0], OLD.id USING ERRCODE = 'foreign_key_violation';
          END IF;
        END LOOP;
        RETURN OLD;
      END $$`);
    for (const { table } of ENTRY_TABLES) {
      const refs = [`'${table}'`, ...ENTRY_REFERENCES.filter(([, , , entry]) => entry === table).map(([t, , c]) => `'${t}.${c}'`)];
      if (table === 'registry_employer') refs.push(`'registry_person.employer_id'`);
      await q.query(
        `CREATE TRIGGER ${table}_entry_refs BEFORE DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION registry_entry_refuse_referenced_delete(${refs.join(', ')})`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table } of ENTRY_TABLES) await q.query(`DROP TRIGGER ${table}_entry_refs ON ${table}`);
    await q.query(`DROP FUNCTION registry_entry_refuse_referenced_delete()`);
    for (const [table, , column] of ENTRY_REFERENCES) await q.query(`DROP TRIGGER ${table}_${column}_exists ON ${table}`);
    await q.query(`DROP FUNCTION registry_entry_must_exist()`);
    // Back to one plain table each, with every partition's rows.
    for (const { table, key, codes, indexes } of [...ENTRY_TABLES].reverse()) {
      await q.query(`CREATE TABLE ${table}_flat (LIKE ${table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
      for (const c of codes) await q.query(`ALTER TABLE ${table}_flat ALTER COLUMN ${c} TYPE text COLLATE "default"`);
      await q.query(`INSERT INTO ${table}_flat SELECT * FROM ${table}`);
      await q.query(`ALTER SEQUENCE ${table}_id_seq OWNED BY ${table}_flat.id`);
      await q.query(`DROP TABLE ${table}`);
      await q.query(`ALTER TABLE ${table}_flat RENAME TO ${table}`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_pkey PRIMARY KEY (id)`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_campaign_id_${key}_key UNIQUE (campaign_id, ${key})`);
      for (const [name, def] of indexes) await q.query(`CREATE INDEX ${name} ON ${table} ${def}`);
    }
    await q.query(
      `CREATE TRIGGER registry_employer_registry_refs BEFORE DELETE ON registry_employer FOR EACH ROW EXECUTE FUNCTION registry_refuse_referenced_delete()`,
    );
    await q.query(refuseReferencedDeleteSql(true));
    for (const [table, constraint, column, entry] of ENTRY_REFERENCES) {
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${constraint} FOREIGN KEY (${column}) REFERENCES ${entry}(id)`);
    }
  }
}
