import { Injectable } from '@nestjs/common';
import { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EntryKind } from '../registry.types';
import { MATCH_STAGE } from '../import/match-columns';
import { OPEN_STATUSES } from '../rules/open-statuses';

const STAGE = 'registry_match_stage';
const STAGE_TYPES: Record<string, string> = { sex: 'char(1)', birth_date: 'date', org_unit_id: 'int', event_date: 'date', insured_count: 'int' };

/** Where each entry kind is kept: its table, its key column and its roster. */
const KIND = {
  person: { table: 'registry_person', key: 'id_number', roster: 'registry_roster_person' },
  employer: { table: 'registry_employer', key: 'uscc', roster: 'registry_roster_employer' },
} as const;

/** An entry a match closed: its id, unit, status before, and (employers) the uninsured staff that moved to insured. */
export interface ClosedEntry {
  id: string;
  org_unit_id: number;
  org_unit_path: string;
  before: string;
  moved: number;
}

/**
 * The SQL of roster and department uploads (import/match-loader.ts), on the import's connection and inside its
 * transaction: the validated rows are COPYed into a temporary stage, the last row of each key kept, then matched
 * against the roster and the entries in a few statements.
 */
@Injectable()
export class MatchRepository {
  async createStage(client: PoolClient): Promise<void> {
    await client.query(
      `CREATE TEMP TABLE ${STAGE} (row_no int NOT NULL, ${MATCH_STAGE.map((c) => `${c} ${STAGE_TYPES[c] ?? 'text'}`).join(', ')}) ON COMMIT DROP`,
    );
  }

  async copyIntoStage(client: PoolClient, chunks: AsyncIterable<string>): Promise<void> {
    await pipeline(Readable.from(chunks, { highWaterMark: 2 }), client.query(copyFrom(`COPY ${STAGE} (row_no, ${MATCH_STAGE.join(', ')}) FROM STDIN`)));
  }

  /** Keeps the last row of each key the file repeats; answers how many distinct keys remain. */
  async keepLastRows(client: PoolClient): Promise<number> {
    await client.query(`CREATE INDEX ON ${STAGE} (key, row_no)`);
    await client.query(`DELETE FROM ${STAGE} s WHERE EXISTS (SELECT 1 FROM ${STAGE} t WHERE t.key = s.key AND t.row_no > s.row_no)`);
    await client.query(`ANALYZE ${STAGE}`);
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${STAGE}`);
    return rows[0].n;
  }

  /** Writes the roster rows of the stage: new keys inserted, changed ones updated (the others untouched); answers both counts. */
  async upsertRoster(client: PoolClient, kind: EntryKind, campaignId: number, importJobId: string, now: Date): Promise<{ inserted: number; updated: number }> {
    const sql =
      kind === 'person'
        ? `INSERT INTO registry_roster_person AS r (campaign_id, id_number, name, scheme, insured_on, import_job_id, updated_at)
             SELECT $1, key, name, scheme, event_date, $2, $3 FROM ${STAGE}
           ON CONFLICT (campaign_id, id_number) DO UPDATE SET name = EXCLUDED.name, scheme = EXCLUDED.scheme, insured_on = EXCLUDED.insured_on,
             import_job_id = EXCLUDED.import_job_id, updated_at = EXCLUDED.updated_at
             WHERE (r.name, r.scheme, r.insured_on) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.scheme, EXCLUDED.insured_on)
           RETURNING (xmax = 0) AS fresh`
        : `INSERT INTO registry_roster_employer AS r (campaign_id, uscc, name, insured_count, import_job_id, updated_at)
             SELECT $1, key, name, insured_count, $2, $3 FROM ${STAGE}
           ON CONFLICT (campaign_id, uscc) DO UPDATE SET name = EXCLUDED.name, insured_count = EXCLUDED.insured_count,
             import_job_id = EXCLUDED.import_job_id, updated_at = EXCLUDED.updated_at
             WHERE (r.name, r.insured_count) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.insured_count)
           RETURNING (xmax = 0) AS fresh`;
    const { rows } = await client.query<{ fresh: boolean }>(sql, [campaignId, importJobId, now]);
    const inserted = rows.filter((r) => r.fresh).length;
    return { inserted, updated: rows.length - inserted };
  }

  /**
   * Closes as enrolled every open entry of the campaign whose key is in its roster (not only the keys of this file: an
   * entry filed after an earlier roster import is closed by the next one). An employer's uninsured staff move to
   * insured, as an inspection's enrolment does. Answers the entries closed.
   */
  async closeEnrolled(client: PoolClient, kind: EntryKind, campaignId: number, now: Date): Promise<ClosedEntry[]> {
    const { table, key, roster } = KIND[kind];
    const staff = kind === 'employer' ? `, insured_count = e.insured_count + c.moved, uninsured_count = e.uninsured_count - c.moved` : '';
    const moved = kind === 'employer' ? 'x.uninsured_count' : '1';
    const { rows } = await client.query<ClosedEntry>(
      `WITH c AS (
         SELECT x.id, x.status, ${moved} AS moved FROM ${table} x JOIN ${roster} r ON r.campaign_id = x.campaign_id AND r.${key} = x.${key}
          WHERE x.campaign_id = $1 AND x.status = ANY($2::text[]) ORDER BY x.id FOR UPDATE OF x)
       UPDATE ${table} e SET status = 'enrolled', last_outcome = 'enrolled', updated_at = $3 ${staff}
         FROM c WHERE e.campaign_id = $1 AND e.id = c.id
       RETURNING e.id::text, e.org_unit_id, e.org_unit_path, c.status AS before, c.moved::int AS moved`,
      [campaignId, OPEN_STATUSES, now],
    );
    return rows;
  }

  /** Drops the stage rows whose key is in the campaign's roster (insured: counted, no entry); answers how many. */
  async dropInsured(client: PoolClient, kind: EntryKind, campaignId: number): Promise<number> {
    const { key, roster } = KIND[kind];
    const { rowCount } = await client.query(`DELETE FROM ${STAGE} s USING ${roster} r WHERE r.campaign_id = $1 AND r.${key} = s.key`, [campaignId]);
    return rowCount ?? 0;
  }

  /**
   * Department rows not insured: an entry the campaign has gets the phone and address the row gives (its unit, status,
   * cadre and visits are kept); a new key files a new entry in the row's village (or town), group `sourceGroup`.
   * Answers how many entries were updated (reported again) and inserted.
   */
  async upsertEntries(
    client: PoolClient,
    kind: EntryKind,
    job: { id: string; campaignId: number },
    sourceGroup: string,
    now: Date,
  ): Promise<{ inserted: number; updated: number }> {
    const { table, key } = KIND[kind];
    const fill =
      kind === 'person'
        ? `phone = COALESCE(s.phone, e.phone), address = COALESCE(s.address, e.address)`
        : `legal_representative = COALESCE(s.legal_representative, e.legal_representative), address = COALESCE(s.address, e.address)`;
    const updated = await client.query(`UPDATE ${table} e SET ${fill}, updated_at = $2 FROM ${STAGE} s WHERE e.campaign_id = $1 AND e.${key} = s.key`, [
      job.campaignId,
      now,
    ]);
    const insert =
      kind === 'person'
        ? `INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, phone, address, source_group, import_job_id, created_at, updated_at)
             SELECT $1, s.org_unit_id, s.org_unit_path, s.key, s.name, s.sex, s.birth_date, s.phone, s.address, $3, $2, $4, $4`
        : `INSERT INTO registry_employer (campaign_id, org_unit_id, org_unit_path, uscc, name, legal_representative, address, import_job_id, created_at, updated_at)
             SELECT $1, s.org_unit_id, s.org_unit_path, s.key, s.name, s.legal_representative, s.address, $2, $3, $3`;
    const params = kind === 'person' ? [job.campaignId, job.id, sourceGroup, now] : [job.campaignId, job.id, now];
    const inserted = await client.query(
      `${insert} FROM ${STAGE} s WHERE NOT EXISTS (SELECT 1 FROM ${table} x WHERE x.campaign_id = $1 AND x.${key} = s.key) ORDER BY s.row_no`,
      params,
    );
    return { inserted: inserted.rowCount ?? 0, updated: updated.rowCount ?? 0 };
  }

  /** Closes as deceased the open person entries the stage's death records name; answers them. */
  async closeDeceased(client: PoolClient, campaignId: number, now: Date): Promise<ClosedEntry[]> {
    const { rows } = await client.query<ClosedEntry>(
      `WITH c AS (
         SELECT x.id, x.status FROM registry_person x JOIN ${STAGE} s ON s.key = x.id_number
          WHERE x.campaign_id = $1 AND x.status = ANY($2::text[]) ORDER BY x.id FOR UPDATE OF x)
       UPDATE registry_person e SET status = 'deceased', last_outcome = 'deceased', updated_at = $3
         FROM c WHERE e.campaign_id = $1 AND e.id = c.id
       RETURNING e.id::text, e.org_unit_id, e.org_unit_path, c.status AS before, 0 AS moved`,
      [campaignId, OPEN_STATUSES, now],
    );
    return rows;
  }

  /** Records the upload as a source of every entry its rows name (one row per entry and upload); answers how many entries. */
  async recordSources(client: PoolClient, kind: EntryKind, job: { id: string; campaignId: number; orgUnitId: number }, now: Date): Promise<number> {
    const { table, key } = KIND[kind];
    const { rowCount } = await client.query(
      `INSERT INTO registry_entry_source (campaign_id, kind, entry_id, org_unit_id, import_job_id, row_number, reported_at)
       SELECT $1, $2, e.id, $3, $4, s.row_no, $5 FROM ${STAGE} s JOIN ${table} e ON e.campaign_id = $1 AND e.${key} = s.key
       ON CONFLICT (kind, entry_id, import_job_id) DO NOTHING`,
      [job.campaignId, kind, job.orgUnitId, job.id, now],
    );
    return rowCount ?? 0;
  }
}
