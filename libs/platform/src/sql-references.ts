import * as ts from 'typescript';

export type Access = 'read' | 'write';

export interface TableReference {
  name: string;
  access: Access;
}

// Stands for a `${…}` of a template literal: never part of a name, so `registry_person_${x}` names nothing.
const HOLE = '\u0001';
const NAME = String.raw`(?:public\.)?"?([a-z_][a-z0-9_]*)"?(?![\w.(${HOLE}])`;
const WRITES = [
  String.raw`\binsert\s+into\s+`,
  String.raw`\bupdate\s+(?:only\s+)?`,
  String.raw`\bdelete\s+from\s+(?:only\s+)?`,
  String.raw`\bcopy\s+`,
  String.raw`\btruncate\s+(?:table\s+)?(?:only\s+)?`,
  String.raw`\bmerge\s+into\s+`,
  String.raw`\balter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?`,
  String.raw`\block\s+(?:table\s+)?(?:only\s+)?`,
].map((w) => new RegExp(w + NAME, 'gi'));
const READ = new RegExp(String.raw`\b(?:from|join|using)\s+(?:only\s+|lateral\s+)?` + NAME, 'gi');
// `FROM a x, b y`: the names after the first of a comma list.
const MORE = new RegExp(String.raw`^(?:\s+(?:as\s+)?(?!where\b|on\b|join\b)[a-z_]\w*)?\s*,\s*` + NAME, 'i');

// Words after UPDATE / FROM that are no name: FOR UPDATE OF t, DO UPDATE SET, COPY … FROM STDIN.
const KEYWORDS = new Set(['of', 'set', 'skip', 'nowait', 'stdin', 'stdout', 'lateral', 'only']);

/** SQL text without its comments and quoted literals, so that prose in them names no table. */
function bare(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''");
}

/** The tables (and views) a piece of SQL reads or writes, as far as its keywords show. */
export function tableReferences(sql: string): TableReference[] {
  const text = bare(sql);
  const found: (TableReference & { at: number })[] = [];
  const add = (name: string, access: Access, at: number) => {
    if (!KEYWORDS.has(name.toLowerCase())) found.push({ name: name.toLowerCase(), access, at });
  };
  for (const re of WRITES) for (const m of text.matchAll(re)) add(m[1], 'write', m.index!);
  for (const m of text.matchAll(READ)) {
    add(m[1], 'read', m.index!);
    let at = m.index! + m[0].length;
    for (let more = MORE.exec(text.slice(at)); more; more = MORE.exec(text.slice(at))) {
      add(more[1], 'read', at);
      at += more[0].length;
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ name, access }) => ({ name, access }));
}

export interface SqlString {
  text: string;
  line: number;
}

/** Every string and template literal of a TypeScript source (a template's `${…}` as a hole), but those under a `skip` node. */
export function sqlStrings(fileName: string, source: string, skip: (node: ts.Node) => boolean = () => false): SqlString[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const out: SqlString[] = [];
  const at = (n: ts.Node) => file.getLineAndCharacterOfPosition(n.getStart()).line + 1;
  const visit = (node: ts.Node): void => {
    if (skip(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push({ text: node.text, line: at(node) });
    else if (ts.isTemplateExpression(node)) {
      out.push({ text: node.head.text + node.templateSpans.map((s) => HOLE + s.literal.text).join(''), line: at(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}
