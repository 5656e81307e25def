import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import * as ts from 'typescript';
import { isSqlStatement, sqlStrings, tableReferences } from './sql-references';
import { INTERPOLATED_TABLES, Library, ownerOf, SQL_FUNCTION_WRITES, TABLE_OWNERS } from './table-owners';

const ROOT = join(__dirname, '../../..');
const MIGRATIONS = 'libs/core/src/database/migrations';

interface Finding {
  file: string;
  line: number;
  table: string;
  access: 'read' | 'write';
  /** Undefined: a name no library owns (in a write position), or a `${…}` INTERPOLATED_TABLES does not list. */
  owner: Library | undefined;
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

/** Every source file of libs/*\/src but the migrations (and specs), relative to the root. */
function sources(): string[] {
  return readdirSync(join(ROOT, 'libs'))
    .flatMap((lib) => tsFiles(join(ROOT, 'libs', lib, 'src')))
    .map((path) => relative(ROOT, path))
    .filter((file) => !file.startsWith(MIGRATIONS + '/'));
}

/** The tables a referenced name stands for: a `${…}` in it through INTERPOLATED_TABLES; undefined for a hole it does not list. */
function resolve(file: string, name: string, used: Set<string>): readonly string[] | undefined {
  const hole = /\$\{([^}]*(?:\}[^}]*)*?)\}/.exec(name);
  if (!hole) return [name];
  const listed = INTERPOLATED_TABLES[libraryOf(file)]?.[hole[1]];
  if (listed) {
    used.add(`${libraryOf(file)} ${hole[1]}`);
    return listed;
  }
  // A campaign's partition, registry_person_${id}: what stands before the hole names the parent.
  const before = name.slice(0, hole.index);
  if (hole.index > 0 && ownerOf(before + '0')) return [before + '0'];
  return undefined;
}

/** Every reference of a library to a table or view it does not own and may not use so; and the INTERPOLATED_TABLES entries used. */
function findings(): { found: Finding[]; used: Set<string> } {
  const found: Finding[] = [];
  const used = new Set<string>();
  for (const file of sources()) {
    const me = libraryOf(file);
    for (const s of sqlStrings(file, readFileSync(join(ROOT, file), 'utf8'))) {
      for (const ref of tableReferences(s.text, s.holes, SQL_FUNCTION_WRITES)) {
        const tables = resolve(file, ref.name, used);
        if (!tables) {
          if (ref.caps) found.push({ file, line: s.line, table: ref.name, access: ref.access, owner: undefined });
          continue;
        }
        for (const table of tables) {
          const owner = ownerOf(table);
          if (owner === me) continue;
          if (!owner && (ref.access === 'read' || !ref.caps)) continue; // reads of CTEs and functions' columns; prose
          const viewForOthers = owner !== undefined && TABLE_OWNERS[owner].views.includes(table);
          if (ref.access === 'read' && viewForOthers) continue;
          found.push({ file, line: s.line, table, access: ref.access, owner });
        }
      }
    }
  }
  return { found, used };
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
    const { found } = findings();
    const violations = found.map((f) =>
      f.owner
        ? `${f.file}:${f.line} ${f.access}s ${f.table} (owned by ${f.owner})`
        : `${f.file}:${f.line} ${f.access}s ${f.table}, which no library owns (or list the \${…} in INTERPOLATED_TABLES)`,
    );
    expect(violations).toEqual([]);
  });

  it('lists in INTERPOLATED_TABLES only interpolations the sources still have', () => {
    const { used } = findings();
    const listed = Object.entries(INTERPOLATED_TABLES).flatMap(([lib, holes]) => Object.keys(holes).map((h) => `${lib} ${h}`));
    expect(listed.filter((l) => !used.has(l))).toEqual([]);
  });
});

// Where SQL statements may be written (issue 18): repositories (core's `*.repository.ts` files among them), readers
// (for now), migrations, the database infrastructure of core, the preparation of the database; specs anywhere.
const SQL_ROOMS = [/^libs\/[a-z]+\/src\/repositories\//, /^libs\/[a-z]+\/src\/readers\//, /\.repository\.ts$/];
const SQL_FILES = new Set([
  'libs/core/src/database/preflight.ts',
  'libs/core/src/database/rollup-lock.ts',
  'libs/core/src/database/sql.ts',
  'libs/core/src/database/database-today.ts',
  // the replica's lag probe (pg_is_in_recovery, replay positions): no table of the product
  'libs/core/src/database/replica-reads.ts',
  'libs/platform/src/prepare-database.ts',
]);

describe('sql rooms', () => {
  it('has SQL statements only in repositories, readers and the database infrastructure', () => {
    const outside = sources()
      .filter((file) => !SQL_ROOMS.some((r) => r.test(file)) && !SQL_FILES.has(file))
      .flatMap((file) =>
        sqlStrings(file, readFileSync(join(ROOT, file), 'utf8'))
          .filter((s) => isSqlStatement(s.text))
          .map((s) => `${file}:${s.line}`),
      );
    expect(outside).toEqual([]);
  });
});
