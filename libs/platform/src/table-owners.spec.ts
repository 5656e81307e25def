import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import * as ts from 'typescript';
import { sqlStrings, tableReferences } from './sql-references';
import { Library, ownerOf, TABLE_OWNERS } from './table-owners';

const ROOT = join(__dirname, '../../..');
const MIGRATIONS = 'libs/core/src/database/migrations';


interface Finding {
  file: string;
  line: number;
  table: string;
  access: 'read' | 'write';
  owner: Library;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

function libraryOf(file: string): Library {
  return file.split('/')[1] as Library;
}

/** Every reference of a library to a table or view it does not own and may not use so. */
function findings(): Finding[] {
  const out: Finding[] = [];
  for (const lib of readdirSync(join(ROOT, 'libs'))) {
    for (const path of tsFiles(join(ROOT, 'libs', lib, 'src'))) {
      const file = relative(ROOT, path);
      if (file.startsWith(MIGRATIONS + '/')) continue;
      const me = libraryOf(file);
      for (const s of sqlStrings(file, readFileSync(path, 'utf8'))) {
        for (const ref of tableReferences(s.text)) {
          const owner = ownerOf(ref.name);
          if (!owner || owner === me) continue;
          const viewForOthers = TABLE_OWNERS[owner].views.includes(ref.name);
          if (ref.access === 'read' && viewForOthers) continue;
          out.push({ file, line: s.line, table: ref.name, access: ref.access, owner });
        }
      }
    }
  }
  return out;
}

/** Tables and views the migrations leave behind, in the order they run (all but their `down`). */
function migratedRelations(): { tables: Set<string>; views: Set<string> } {
  const tables = new Set<string>();
  const views = new Set<string>();
  const files = readdirSync(join(ROOT, MIGRATIONS))
    .filter((f) => /^\d+-.*\.ts$/.test(f))
    .sort();
  const isDown = (n: ts.Node) => ts.isMethodDeclaration(n) && n.name.getText() === 'down';
  for (const f of files) {
    for (const s of sqlStrings(f, readFileSync(join(ROOT, MIGRATIONS, f), 'utf8'), isDown)) {
      const text = s.text.replace(/--[^\n]*/g, ' ');
      for (const m of text.matchAll(/\bcreate\s+(?:unlogged\s+)?table\s+(?:if\s+not\s+exists\s+)?([a-z_][a-z0-9_]*)(?=[\s(])/gi)) tables.add(m[1]);
      for (const m of text.matchAll(/\bdrop\s+table\s+(?:if\s+exists\s+)?([a-z_][a-z0-9_, ]*)/gi)) {
        for (const t of m[1].split(',')) tables.delete(t.trim());
      }
      for (const m of text.matchAll(/\bcreate\s+(?:or\s+replace\s+)?view\s+([a-z_][a-z0-9_]*)/gi)) views.add(m[1]);
      for (const m of text.matchAll(/\bdrop\s+view\s+(?:if\s+exists\s+)?([a-z_][a-z0-9_]*)/gi)) views.delete(m[1]);
    }
  }
  return { tables, views };
}

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
    expect(tableReferences(`DELETE FROM settlement_line WHERE x IS DISTINCT FROM (y) AND EXTRACT(day FROM at) = 1`)).toEqual([
      { name: 'settlement_line', access: 'write' },
      { name: 'settlement_line', access: 'read' },
      { name: 'at', access: 'read' },
    ]);
    expect(tableReferences(`COPY registry_import_error (a) FROM STDIN`).map((r) => r.name)).toEqual(['registry_import_error']);
  });

  it('reads a template literal with its holes as no name', () => {
    const [s] = sqlStrings('x.ts', 'const q = `SELECT 1 FROM registry_person_${id} p JOIN ${t} ON true JOIN org_unit o ON o.id = ${x}`;');
    expect(tableReferences(s.text)).toEqual([{ name: 'org_unit', access: 'read' }]);
  });
});

describe('table ownership', () => {
  it('maps every table the migrations create to one owner, and every view to its owner by name', () => {
    const { tables, views } = migratedRelations();
    const mapped = Object.values(TABLE_OWNERS).flatMap((o) => o.tables);
    const declared = Object.values(TABLE_OWNERS).flatMap((o) => o.views);
    expect([...tables].filter((t) => !mapped.includes(t))).toEqual([]);
    expect(mapped.filter((t) => !tables.has(t))).toEqual([]);
    expect(new Set(mapped).size).toBe(mapped.length);
    expect([...views].sort()).toEqual([...declared].sort());
    for (const [lib, o] of Object.entries(TABLE_OWNERS)) for (const v of o.views) expect(v).toMatch(new RegExp(`^${lib}_[a-z0-9_]+_v$`));
  });

  it('has libraries write only their own tables and read others only through the views their owners declare', () => {
    const found = findings();
    const violations = found.map((f) => `${f.file}:${f.line} ${f.access}s ${f.table} (owned by ${f.owner})`);
    expect(violations).toEqual([]);
  });
});
