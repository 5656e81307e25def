import { PoolClient } from 'pg';

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

/**
 * The campaign has no partition and no entry in this table yet (entries written directly sit in the
 * default partition). A first load reads the default partition here and ATTACH later needs it to
 * itself, so two first loads (of two campaigns) would each wait for the other: they take turns on an
 * advisory lock held to the commit, taken before that read.
 */
export async function isFirstLoad(client: PoolClient, table: EntryTableName, campaignId: number): Promise<boolean> {
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
export async function createLoadTable(client: PoolClient, table: EntryTableName, campaignId: number): Promise<string> {
  const part = campaignPartition(table, campaignId);
  await client.query(
    `CREATE TABLE ${part} (LIKE ${table} INCLUDING DEFAULTS INCLUDING CONSTRAINTS, CONSTRAINT ${part}_campaign CHECK (campaign_id = ${Number(campaignId)}))`,
  );
  return part;
}

/**
 * Builds every index of the partitioned table on the loaded table, then attaches it; ATTACH finds the
 * indexes and builds none. The indexes are read from the catalogue, so a later migration's index is
 * built too. ATTACH locks the default partition only from here to the commit.
 */
export async function attachLoaded(client: PoolClient, table: EntryTableName, part: string, campaignId: number): Promise<void> {
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
  await attachWhenFree(client, `ALTER TABLE ${table} ATTACH PARTITION ${part} FOR VALUES IN (${Number(campaignId)})`);
}

/** How long ATTACH may queue for its lock at a time, and how many times it tries (about ten minutes in all). */
const ATTACH_LOCK_WAIT = '200ms';
const ATTACH_ATTEMPTS = 1500;

/**
 * ATTACH needs the default partition to itself for a moment. Waiting behind a long reader (an export
 * scanning the entries) would queue every later reader of the default partition behind ATTACH, and
 * the registry pages would hang as long as that reader runs; so ATTACH waits at most 200 ms at a time,
 * steps back (to a savepoint, keeping the load) and tries again in a gap.
 */
async function attachWhenFree(client: PoolClient, attach: string): Promise<void> {
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
