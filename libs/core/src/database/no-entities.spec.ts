import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';

// The schema comes only from migrations and the SQL from repositories (issue 18): an entity class would be a
// second description of a table, one that nothing checks and that drifts.
const ROOT = join(__dirname, '../../../..');
const ENTITY_DECORATOR = /@Entity\s*\(/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : tsFiles(join(dir, e.name));
    return e.name.endsWith('.ts') ? [join(dir, e.name)] : [];
  });
}

describe('no TypeORM entities', () => {
  const files = ['libs', 'apps'].flatMap((d) => tsFiles(join(ROOT, d)));

  it('reads every TypeScript file of libs/ and apps/', () => {
    expect(files).toContain(__filename);
  });

  it('finds no entity decorator in any of them', () => {
    const offenders = files.filter((f) => ENTITY_DECORATOR.test(readFileSync(f, 'utf8'))).map((f) => relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});
