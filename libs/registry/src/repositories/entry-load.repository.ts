import { Injectable } from '@nestjs/common';
import { PoolClient } from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { hashFromHex, HashSet64 } from '../import/row-hash';

/**
 * Entry tables are partitioned by campaign (migration 1764000700000). A campaign's first import into
 * a table loads a new table with no index, builds the indexes once (sorted, a fraction of the cost of
 * maintaining them row by row) and attaches it as the campaign's partition, in the import's
 * transaction: until it commits, the table is neither attached nor visible to anyone else.
 */
export type EntryTableName = 'registry_person' | 'registry_employer';

export function campaignPartition(table: EntryTableName, campaignId: number): string {
  return `${table}_c${campaignId}`;
}

/** What a load writes into one entry table. */
export interface LoadTarget {
  table: EntryTableName;
  /** The natural key within a campaign; the first of the columns. */
  key: 'id_number' | 'uscc';
  /** The columns an import sets (besides campaign_id and import_job_id), in COPY order. */
  columns: readonly string[];
  /** Columns a re-import never changes: the key and what derives from it. */
  fixed: string[];
  /** The file's column of the key, and why a row is refused when its key belongs to an entry outside the importer's subtree (names no unit). */
  keyColumn: string;
  foreignKeyReason: string;
  /** The documented columns of a staged row (s, its unit o) as the file's cells, in template order, for errors.csv. */
  cellsSql: string;
}

const STAGE = 'registry_import_stage';
const COLUMN_TYPES: Record<string, string> = {
  // as in the entry tables (migration 1764000700000), so that keys compare without a collation conflict
  id_number: 'text COLLATE "C"',
  uscc: 'text COLLATE "C"',
  employer_uscc: 'text COLLATE "C"',
  birth_date: 'date',
  org_unit_id: 'int',
  employer_id: 'bigint',
  staff_count: 'int',
  insured_count: 'int',
  uninsured_count: 'int',
  flags: 'text[]',
  sex: 'char(1)',
  row_hash: 'bigint',
};

/** How long ATTACH may queue for its lock at a time, and how many times it tries (about ten minutes in all). */
const ATTACH_LOCK_WAIT = '200ms';
const ATTACH_ATTEMPTS = 1500;

/**
 * An import's load into the entry tables (registry_person, registry_employer, their campaign partitions),
 * the staging table and the bad rows (registry_import_error), all on the load's connection inside its
 * one transaction (import-loader.ts). Set-based: COPY, one upsert statement, partition DDL.
 */
@Injectable()
export class EntryLoadRepository {
  /**
   * The campaign has no partition and no entry in this table yet (entries written directly sit in the
   * default partition). A first load reads the default partition here and ATTACH later needs it to
   * itself, so two first loads (of two campaigns) would each wait for the other: they take turns on an
   * advisory lock held to the commit, taken before that read.
   */
  async isFirstLoad(client: PoolClient, table: EntryTableName, campaignId: number): Promise<boolean> {
    const part = campaignPartition(table, campaignId);
    const { rows: found } = await client.query(`SELECT to_regclass($1) IS NOT NULL AS attached`, [part]);
    if (found[0].attached) return false;
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('registry_first_load'), 0)`);
    const { rows } = await client.query(`SELECT to_regclass($1) IS NULL AND NOT EXISTS (SELECT 1 FROM ${table} WHERE campaign_id = $2) AS first`, [
      part,
      campaignId,
    ]);
    return rows[0].first;
  }

  /** The partition-to-be: the table's columns, defaults and checks, and the check that makes ATTACH skip its scan; no index. */
  async createLoadTable(client: PoolClient, table: EntryTableName, campaignId: number): Promise<string> {
    const part = campaignPartition(table, campaignId);
    await client.query(
      `CREATE TABLE ${part} (LIKE ${table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS, CONSTRAINT ${part}_campaign CHECK (campaign_id = ${Number(campaignId)}))`,
    );
    return part;
  }

  /**
   * Builds every index of the partitioned table on the loaded table, then attaches it; ATTACH finds the
   * indexes and builds none. ATTACH locks the default partition only from here to the commit.
   */
  async attachLoaded(client: PoolClient, table: EntryTableName, part: string, campaignId: number): Promise<void> {
    await this.buildIndexes(client, table, part);
    await this.attachWhenFree(client, `ALTER TABLE ${table} ATTACH PARTITION ${part} FOR VALUES IN (${Number(campaignId)})`);
  }

  /**
   * The keys and indexes of the partitioned table, built on `part` (a loaded table, or the benchmark's floor).
   * They are read from the catalogue, so a later migration's index is built too.
   */
  async buildIndexes(client: PoolClient, table: EntryTableName, part: string): Promise<void> {
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    const { rows: keys } = await client.query(
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u')`,
      [table],
    );
    for (const k of keys) await client.query(`ALTER TABLE ${part} ADD ${k.def}`);
    const { rows: indexes } = await client.query(
      `SELECT pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
        WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
      [table],
    );
    for (const i of indexes) {
      const def = String(i.def).replace(/^CREATE (UNIQUE )?INDEX \S+ ON ONLY \S+ /, `CREATE $1INDEX ON ${part} `);
      if (def === i.def) throw new Error(`unexpected index definition on ${table}: ${i.def}`);
      await client.query(def);
    }
  }

  /**
   * ATTACH needs the default partition to itself for a moment. Waiting behind a long reader (an export
   * scanning the entries) would queue every later reader of the default partition behind ATTACH, and
   * the registry pages would hang as long as that reader runs; so ATTACH waits at most 200 ms at a time,
   * steps back (to a savepoint, keeping the load) and tries again in a gap.
   */
  private async attachWhenFree(client: PoolClient, attach: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await client.query('SAVEPOINT attach');
      await client.query(`SET LOCAL lock_timeout = '${ATTACH_LOCK_WAIT}'`);
      try {
        await client.query(attach);
        await client.query('RELEASE SAVEPOINT attach');
        await client.query(`SET LOCAL lock_timeout = DEFAULT`);
        return;
      } catch (e) {
        if ((e as { code?: string }).code !== '55P03') throw e; // 55P03: lock_not_available
        if (attempt >= ATTACH_ATTEMPTS) throw new Error('名册表被其他长时间查询占用，导入未能完成，请稍后重试（retry）', { cause: e });
        await client.query('ROLLBACK TO SAVEPOINT attach');
        await client.query('RELEASE SAVEPOINT attach'); // or each attempt would nest one more
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  /** Later loads: sorts the deduplicated rows in memory (about 200 MB for 1.2 M people) and creates the staging table, dropped at the commit. */
  async createStage(client: PoolClient, columns: readonly string[]): Promise<void> {
    await client.query(`SET LOCAL work_mem = '512MB'`);
    await client.query(
      `CREATE TEMP TABLE ${STAGE} (row_no int NOT NULL, ${columns.map((c) => `${c} ${COLUMN_TYPES[c] ?? 'text'}`).join(', ')}) ON COMMIT DROP`,
    );
  }

  /** COPYs COPY-text chunks into a first load's new partition (campaign_id, import_job_id, then `columns`); answers when PostgreSQL has them all. */
  async copyIntoPartition(client: PoolClient, part: string, columns: readonly string[], chunks: AsyncIterable<string>): Promise<void> {
    await this.copy(client, `${part} (campaign_id, import_job_id, ${columns.join(', ')})`, chunks);
  }

  /** COPYs COPY-text chunks into a later load's staging table (row_no, then `columns`); answers when PostgreSQL has them all. */
  async copyIntoStage(client: PoolClient, columns: readonly string[], chunks: AsyncIterable<string>): Promise<void> {
    await this.copy(client, `${STAGE} (row_no, ${columns.join(', ')})`, chunks);
  }

  private async copy(client: PoolClient, target: string, chunks: AsyncIterable<string>): Promise<void> {
    // A short queue: chunks waiting for PostgreSQL outlive young-generation GC and swell the heap.
    await pipeline(Readable.from(chunks, { highWaterMark: 2 }), client.query(copyFrom(`COPY ${target} FROM STDIN`)));
  }

  /** Replaces an import's bad rows by those of a COPY-text file (import_job_id, row_number, column_name, reason). */
  async replaceErrors(client: PoolClient, importJobId: string, file: string): Promise<void> {
    await client.query(`DELETE FROM registry_import_error WHERE import_job_id = $1`, [importJobId]);
    await pipeline(
      createReadStream(file),
      client.query(copyFrom(`COPY registry_import_error (import_job_id, row_number, column_name, reason, cells) FROM STDIN`)),
    );
  }

  /** The campaign's employers by USCC, to link people to them as they are read. */
  async campaignEmployers(client: PoolClient, campaignId: number): Promise<Map<string, string>> {
    const { rows } = await client.query(`SELECT uscc, id::text FROM registry_employer WHERE campaign_id = $1`, [campaignId]);
    return new Map(rows.map((r: { uscc: string; id: string }) => [r.uscc, r.id]));
  }

  /**
   * The row hashes of the campaign's entries in the table (those an import wrote and nothing changed since),
   * streamed by COPY into a HashSet64: 1.2 M entries cost some 32 MB and no row object each.
   */
  async campaignHashes(client: PoolClient, table: EntryTableName, campaignId: number): Promise<HashSet64> {
    const { rows } = await client.query(`SELECT count(row_hash)::int AS n FROM ${table} WHERE campaign_id = $1`, [campaignId]);
    const set = new HashSet64(rows[0].n);
    let rest = '';
    const stream = client.query(
      copyTo(`COPY (SELECT to_hex(row_hash) FROM ${table} WHERE campaign_id = ${Number(campaignId)} AND row_hash IS NOT NULL) TO STDOUT`),
    );
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const lines = (rest + chunk.toString('latin1')).split('\n');
      rest = lines.pop()!;
      for (const l of lines) set.add(hashFromHex(l));
    }
    if (rest) set.add(hashFromHex(rest));
    return set;
  }

  /**
   * In a first load, keeps only the last row (the highest id: ids follow the file's order) of each key
   * the file repeats: one scan picks the rows of those keys (a hashed ANY), and they are deleted by
   * their row address.
   */
  async dropEarlierRepeats(client: PoolClient, part: string, key: string, keys: string[]): Promise<number> {
    await client.query(`SET LOCAL work_mem = '64MB'`); // the rows of repeated keys sort in memory
    const { rowCount } = await client.query(
      `DELETE FROM ${part} WHERE ctid = ANY (ARRAY(
         SELECT ctid FROM (SELECT ctid, id, max(id) OVER (PARTITION BY ${key}) AS keep FROM ${part} WHERE ${key} = ANY ($1::text[])) r WHERE id < keep))`,
      [keys],
    );
    return rowCount ?? 0;
  }

  /**
   * A later load, before the upsert: the staged rows whose key already belongs to an entry of the campaign
   * filed outside `scopePath` leave the stage (so they change nothing) and become bad rows with the clerk's
   * reason, in one statement (a join on the campaign's key index); answers how many rows. An entry of
   * another district cannot be overwritten, moved into the importer's villages or opened to them so.
   */
  async refuseForeignKeys(client: PoolClient, job: { id: string; campaignId: number }, t: LoadTarget, scopePath: string): Promise<number> {
    const { rowCount } = await client.query(
      `WITH foreign_rows AS (
         DELETE FROM ${STAGE} s USING ${t.table} x
          WHERE x.campaign_id = $2 AND x.${t.key} = s.${t.key} AND NOT starts_with(x.org_unit_path, $3)
         RETURNING s.*)
       INSERT INTO registry_import_error (import_job_id, row_number, column_name, reason, cells)
       SELECT $1, s.row_no, $4, $5, ${t.cellsSql} FROM foreign_rows s LEFT JOIN org_unit_v o ON o.id = s.org_unit_id`,
      [job.id, job.campaignId, scopePath, t.keyColumn, t.foreignKeyReason],
    );
    return rowCount ?? 0;
  }

  /**
   * A later load: inserts new entries and updates those whose imported values changed; answers both
   * counts. An entry moved to another unit loses the cadre of the old one.
   */
  async upsertEntries(client: PoolClient, job: { id: string; campaignId: number }, t: LoadTarget): Promise<{ inserted: number; updated: number }> {
    // Valid ID numbers are 17 digits and their check character, so the bigint of the first 17 sorts (and dedupes) them cheaply.
    const order = t.key === 'id_number' ? `left(s.id_number, 17)::bigint` : `s.uscc`;
    // the last row of each key; a marker (no row_hash: that row equals the entry) wins as any row does, and writes nothing
    const src = `SELECT * FROM (SELECT DISTINCT ON (${order}) ${t.columns.map((c) => `s.${c}`).join(', ')}, s.row_hash FROM ${STAGE} s ORDER BY ${order}, s.row_no DESC) l
                  WHERE l.row_hash IS NOT NULL`;
    const changeable = t.columns.filter((c) => !t.fixed.includes(c));
    const compared = changeable.filter((c) => c !== 'org_unit_path'); // the path follows the unit
    const differs = `(${compared.map((c) => `x.${c}`).join(', ')}) IS DISTINCT FROM (${compared.map((c) => `src.${c}`).join(', ')})`;
    const { rows } = await client.query(
      `WITH src AS MATERIALIZED (${src}), upd AS (
         UPDATE ${t.table} x SET ${changeable.map((c) => `${c} = src.${c}`).join(', ')},
           cadre_id = CASE WHEN x.org_unit_id = src.org_unit_id THEN x.cadre_id END,
           assigned_at = CASE WHEN x.org_unit_id = src.org_unit_id THEN x.assigned_at END,
           import_job_id = $1, updated_at = now(), row_hash = src.row_hash
           FROM src
          WHERE x.campaign_id = $2 AND x.${t.key} = src.${t.key} AND ${differs}
         RETURNING 1
       ), rehash AS (
         -- the same values under no (or another) hash, e.g. an entry edited and edited back: only the hash is new
         UPDATE ${t.table} x SET row_hash = src.row_hash FROM src
          WHERE x.campaign_id = $2 AND x.${t.key} = src.${t.key} AND NOT ${differs} AND x.row_hash IS DISTINCT FROM src.row_hash
       ), ins AS (
         INSERT INTO ${t.table} (campaign_id, ${t.columns.join(', ')}, row_hash, import_job_id)
         SELECT $2, ${t.columns.map((c) => `src.${c}`).join(', ')}, src.row_hash, $1
           FROM src WHERE NOT EXISTS (SELECT 1 FROM ${t.table} x WHERE x.campaign_id = $2 AND x.${t.key} = src.${t.key})
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM ins)::int AS inserted, (SELECT count(*) FROM upd)::int AS updated`,
      [job.id, job.campaignId],
    );
    return rows[0];
  }

  /** People imported before their employer get linked once it arrives (`employers`: the entry table, or a first load's new table). */
  async linkPeople(client: PoolClient, campaignId: number, employers: string): Promise<void> {
    await client.query(
      `UPDATE registry_person p SET employer_id = e.id, updated_at = now()
         FROM ${employers} e
        WHERE p.campaign_id = $1 AND e.campaign_id = $1 AND p.employer_uscc = e.uscc AND p.employer_id IS DISTINCT FROM e.id`,
      [campaignId],
    );
  }
}
