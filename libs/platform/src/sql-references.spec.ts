import { isSqlStatement, sqlStrings, tableReferences as references } from './sql-references';

const tableReferences = (...args: Parameters<typeof references>) => references(...args).map(({ name, access }) => ({ name, access }));
const names = (sql: string) => tableReferences(sql).map((r) => `${r.access} ${r.name}`);

describe('sql references', () => {
  it('finds writes and reads, not names in comments, quotes, aliases or columns', () => {
    const sql = `
      WITH moved AS (UPDATE task t SET status = 'from campaign' FROM org_unit o, app_user u WHERE o.id = t.org_unit_id RETURNING t.id)
      INSERT INTO notice (x) SELECT m.id FROM moved m JOIN LATERAL unnest($1::int[]) i ON true -- FROM outbox
      /* JOIN bulletin */ LEFT JOIN "indicator" ind USING (id) FOR UPDATE OF t`;
    expect(tableReferences(sql)).toEqual([
      { name: 'task', access: 'write' },
      { name: 'org_unit', access: 'read' },
      { name: 'app_user', access: 'read' },
      { name: 'notice', access: 'write' },
      { name: 'moved', access: 'read' },
      { name: 'indicator', access: 'read' },
    ]);
    // IS DISTINCT FROM and EXTRACT(… FROM …) name no table
    expect(tableReferences(`DELETE FROM settlement_line WHERE x IS DISTINCT FROM (y) AND EXTRACT(day FROM at) = 1`)).toEqual([
      { name: 'settlement_line', access: 'write' },
      { name: 'settlement_line', access: 'read' },
    ]);
    expect(tableReferences(`COPY registry_import_error (a) FROM STDIN`).map((r) => r.name)).toEqual(['registry_import_error']);
  });

  it('finds an INSERT target followed by its column list without a space', () => {
    expect(names(`INSERT INTO task(a, b) VALUES ($1, $2)`)).toEqual(['write task']);
    expect(names(`INSERT INTO "task"(a) SELECT 1`)).toEqual(['write task']);
  });

  it('follows a comma list past a function, a subquery and column aliases', () => {
    expect(names(`SELECT 1 FROM unnest($1::int[]) i(id), task t WHERE t.id = i.id`)).toEqual(['read task']);
    expect(names(`SELECT 1 FROM unnest($1::int[]) WITH ORDINALITY AS u(id, n), task t`)).toEqual(['read task']);
    expect(names(`SELECT 1 FROM a, (SELECT x FROM b) s, task t`)).toEqual(['read a', 'read b', 'read task']);
    expect(names(`UPDATE task t SET x = 1 FROM generate_series(1, 3) g, (VALUES (1)) v(n), org_unit o`)).toEqual(['write task', 'read org_unit']);
  });

  it('finds the tables of a bracketed join', () => {
    expect(names(`SELECT 1 FROM (task t JOIN org_unit o ON o.id = t.org_unit_id) LEFT JOIN campaign c ON true`)).toEqual([
      'read task',
      'read org_unit',
      'read campaign',
    ]);
    expect(names(`SELECT 1 FROM ((task t JOIN indicator i USING (indicator_id)))`)).toEqual(['read task', 'read indicator']);
  });

  it('drops the schema of a qualified name, whichever it is', () => {
    expect(names(`UPDATE public.task SET x = 1 FROM public.org_unit o`)).toEqual(['write task', 'read org_unit']);
    expect(names(`INSERT INTO other.task(a) SELECT 1 FROM "public"."campaign" c JOIN s.org_unit o ON true`)).toEqual([
      'write task',
      'read campaign',
      'read org_unit',
    ]);
    expect(names(`DELETE FROM ONLY public.task; TRUNCATE TABLE public.notice, outbox; LOCK TABLE x.bulletin`)).toEqual([
      'write task',
      'read task',
      'write notice',
      'write outbox',
      'write bulletin',
    ]);
    expect(names(`ALTER TABLE IF EXISTS public.registry_person ATTACH PARTITION registry_person_c7 FOR VALUES IN (7)`)).toEqual(['write registry_person']);
  });

  it('does not take FOR UPDATE, ON CONFLICT DO UPDATE or a FROM in a call for a table', () => {
    expect(names(`SELECT 1 FROM task FOR NO KEY UPDATE OF task SKIP LOCKED`)).toEqual(['read task']);
    expect(names(`INSERT INTO notice (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET a = 2`)).toEqual(['write notice']);
    expect(names(`SELECT substring(x FROM 2), trim(BOTH FROM y) FROM notice`)).toEqual(['read notice']);
  });

  it('counts a call of an SQL function as a write of the tables it writes', () => {
    const refs = tableReferences(`SELECT task_attainment_refresh($1::int[], $2) AS n`, [], { task_attainment_refresh: ['task'] });
    expect(refs).toEqual([{ name: 'task', access: 'write' }]);
    expect(tableReferences(`SELECT task_attainment_refresh AS n FROM x`, [], { task_attainment_refresh: ['task'] })).toEqual([{ name: 'x', access: 'read' }]);
  });

  it('keeps a template literal hole in a name as its expression', () => {
    const [s] = sqlStrings('x.ts', 'const q = `SELECT 1 FROM registry_person_${id} p JOIN ${t} ON true JOIN org_unit o ON o.id = ${x}`;');
    expect(s.holes).toEqual(['id', 't', 'x']);
    expect(tableReferences(s.text, s.holes)).toEqual([
      { name: 'registry_person_${id}', access: 'read' },
      { name: '${t}', access: 'read' },
      { name: 'org_unit', access: 'read' },
    ]);
    const [u] = sqlStrings('x.ts', 'const q = `UPDATE ${TABLE[kind]} t SET a = 1 FROM ${STAGE} s ${where}`;');
    expect(tableReferences(u.text, u.holes)).toEqual([
      { name: '${TABLE[kind]}', access: 'write' },
      { name: '${STAGE}', access: 'read' },
    ]);
  });
});

describe('sql case', () => {
  it('tells SQL keywords in capitals from prose', () => {
    expect(references(`SELECT 1 FROM task`)[0].caps).toBe(true);
    const [s] = sqlStrings('x.ts', 'const m = `5 failures lock the account; went back from ${seen}`;');
    expect(references(s.text, s.holes).map((r) => [r.name, r.caps])).toEqual([
      ['the', false],
      ['${seen}', false],
    ]);
  });
});

describe('sql statements', () => {
  it('tells a statement from a fragment or prose', () => {
    for (const s of [
      'SELECT id FROM task',
      '  select 1',
      'SELECT count(*)::int AS n FROM x',
      'INSERT INTO task (a) VALUES (1)',
      'UPDATE task SET a = 1',
      'UPDATE task t SET a = 1',
      'DELETE FROM task',
      'WITH x AS (SELECT 1) SELECT * FROM x',
      'WITH RECURSIVE up AS (SELECT 1) SELECT 1',
    ]) {
      expect([s, isSqlStatement(s)]).toEqual([s, true]);
    }
    for (const s of [' AND x = $1', 'update failed', 'Select a unit', 'with the campaign closed', 'select the task first', 'ORDER BY id']) {
      expect([s, isSqlStatement(s)]).toEqual([s, false]);
    }
  });
});
