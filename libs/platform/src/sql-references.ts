import * as ts from 'typescript';

export type Access = 'read' | 'write';

export interface TableReference {
  /** The table's name without its schema; a `${…}` of a template literal stays in it as `${expression}`. */
  name: string;
  access: Access;
  /** Whether the keyword before it is written in capitals, as this code base writes SQL (prose, in lower case, names no table). */
  caps: boolean;
}

// A template literal's `${…}` is HOLE_OPEN + its index + HOLE_CLOSE in the text: part of a word, never a name of its own.
const HOLE_OPEN = '\u0001';
const HOLE_CLOSE = '\u0002';
const HOLE = new RegExp(`${HOLE_OPEN}(\\d+)${HOLE_CLOSE}`, 'g');
const WORD_PART = String.raw`(?:[a-z0-9_$]|${HOLE_OPEN}\d+${HOLE_CLOSE})`;
const TOKEN = new RegExp(String.raw`"([^"]*)"|((?:[a-z_]|${HOLE_OPEN}\d+${HOLE_CLOSE})${WORD_PART}*)|(\$\d+|\d[\d.]*)|(\S)`, 'gi');

// Words where a name would stand that are no name: FOR UPDATE OF t, DO UPDATE SET, COPY … FROM STDIN.
const KEYWORDS = new Set(['of', 'set', 'skip', 'nowait', 'stdin', 'stdout', 'lateral', 'only', 'select', 'values', 'with']);
// Words that end a FROM item where its alias would be.
const NOT_ALIAS = new Set([
  'where',
  'on',
  'using',
  'join',
  'inner',
  'left',
  'right',
  'full',
  'cross',
  'natural',
  'outer',
  'group',
  'order',
  'limit',
  'offset',
  'for',
  'union',
  'except',
  'intersect',
  'window',
  'having',
  'returning',
  'set',
  'fetch',
  'tablesample',
  'with',
  'select',
  'values',
  'and',
  'or',
  'not',
  'is',
  'in',
  'then',
  'when',
  'else',
  'end',
  'do',
  'into',
  'from',
  'as',
  'default',
]);
// Calls whose arguments use FROM for no table: EXTRACT(day FROM at), SUBSTRING(s FROM 2), TRIM(BOTH FROM s).
const FROM_IN_CALL = new Set(['extract', 'substring', 'trim', 'overlay']);
const SUBQUERY = new Set(['select', 'with', 'values']);

interface Token {
  /** Lower-cased unless quoted. */
  text: string;
  caps: boolean;
  word: boolean;
  quoted: boolean;
}

/** SQL text without its comments and quoted literals, so that prose in them names no table. */
function bare(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''");
}

function tokens(sql: string): Token[] {
  const out: Token[] = [];
  for (const m of bare(sql).matchAll(TOKEN)) {
    if (m[1] !== undefined) out.push({ text: m[1], caps: false, word: true, quoted: true });
    else if (m[2] !== undefined) out.push({ text: m[2].toLowerCase(), caps: m[2] === m[2].toUpperCase(), word: true, quoted: false });
    else out.push({ text: (m[3] ?? m[4]).toLowerCase(), caps: false, word: false, quoted: false });
  }
  return out;
}

/**
 * The tables (and views) a piece of SQL reads or writes, as far as its keywords show: the targets of INSERT,
 * UPDATE, DELETE, COPY, TRUNCATE, MERGE, ALTER TABLE and LOCK, every item of a FROM / JOIN / USING list
 * (after a function, a subquery, inside brackets), and the tables the SQL functions of `functionWrites` write
 * when called. `holes` are the expressions of a template literal's `${…}`, in order.
 */
export function tableReferences(
  sql: string,
  holes: readonly string[] = [],
  functionWrites: Readonly<Record<string, readonly string[]>> = {},
): TableReference[] {
  const t = tokens(sql);
  const found: (TableReference & { at: number })[] = [];
  const is = (i: number, ...texts: string[]) => i < t.length && !t[i].quoted && texts.includes(t[i].text);
  const named = (text: string) => text.replace(HOLE, (_, n: string) => '${' + (holes[Number(n)] ?? '') + '}');
  /** The index after the bracket opened at i. */
  const close = (i: number) => {
    for (let depth = 0; i < t.length; i++) {
      if (is(i, '(')) depth++;
      else if (is(i, ')') && --depth === 0) return i + 1;
    }
    return t.length;
  };
  /** A possibly schema-qualified name at i: its last part and the index after it. */
  const nameAt = (i: number): { name: string; quoted: boolean; next: number } | undefined => {
    if (i >= t.length || !t[i].word) return undefined;
    let last = t[i];
    let next = i + 1;
    while (is(next, '.') && next + 1 < t.length && t[next + 1].word) {
      last = t[next + 1];
      next += 2;
    }
    return { name: last.text, quoted: last.quoted, next };
  };
  let caps = false; // the keyword's, for the names it introduces
  const add = (name: string, quoted: boolean, access: Access, at: number) => {
    if (quoted || !KEYWORDS.has(name)) found.push({ name: named(name), access, caps, at });
  };
  /** A write target at i (after ONLY); answers the index after it. */
  const target = (i: number, at: number): number => {
    while (is(i, 'only')) i++;
    const n = nameAt(i);
    if (!n) return i;
    add(n.name, n.quoted, 'write', at);
    return n.next;
  };
  /** Every item of the FROM list that starts at i. */
  const fromList = (i: number): void => {
    for (;;) {
      while (is(i, 'only', 'lateral')) i++;
      if (is(i, '(')) {
        const end = close(i);
        if (!is(i + 1, ...SUBQUERY)) fromList(i + 1); // (a JOIN b ON …): its first item; the JOINs speak for themselves
        i = end;
      } else {
        const n = nameAt(i);
        if (!n) return;
        if (is(n.next, '('))
          i = close(n.next); // a function: unnest(…), generate_series(…)
        else {
          add(n.name, n.quoted, 'read', i);
          i = n.next;
        }
      }
      if (is(i, 'with') && is(i + 1, 'ordinality')) i += 2;
      if (is(i, 'as')) i++;
      if (i < t.length && t[i].word && (t[i].quoted || !NOT_ALIAS.has(t[i].text))) {
        i++;
        if (is(i, '(')) i = close(i); // column aliases: i(id)
      }
      if (!is(i, ',')) return;
      i++;
    }
  };

  const calls: string[] = []; // the word before each open bracket, innermost last
  for (let i = 0; i < t.length; i++) {
    const w = t[i].quoted ? '' : t[i].text;
    const prev = i > 0 && !t[i - 1].quoted ? t[i - 1].text : '';
    caps = t[i].caps;
    if (w === '(') calls.push(prev);
    else if (w === ')') calls.pop();
    else if (w === 'insert' || w === 'merge') {
      if (is(i + 1, 'into')) target(i + 2, i);
    } else if (w === 'update') {
      if (!['for', 'do', 'key', 'on'].includes(prev)) target(i + 1, i);
    } else if (w === 'delete') {
      if (is(i + 1, 'from')) target(i + 2, i);
    } else if (w === 'copy') {
      target(i + 1, i);
    } else if (w === 'truncate' || w === 'lock') {
      let j = i + 1;
      if (is(j, 'table')) j++;
      for (j = target(j, i); is(j, ',');) j = target(j + 1, i);
    } else if (w === 'alter' && is(i + 1, 'table')) {
      let j = i + 2;
      if (is(j, 'if') && is(j + 1, 'exists')) j += 2;
      target(j, i);
    } else if (w === 'from' || w === 'join' || w === 'using') {
      if (w === 'from' && (prev === 'distinct' || FROM_IN_CALL.has(calls[calls.length - 1] ?? ''))) continue;
      if (w === 'using' && is(i + 1, '(') && !is(i + 2, ...SUBQUERY)) continue; // JOIN … USING (id)
      fromList(i + 1);
    } else if (w && t[i].word && functionWrites[w] && is(i + 1, '(')) {
      for (const table of functionWrites[w]) found.push({ name: table, access: 'write', caps, at: i });
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ name, access, caps: c }) => ({ name, access, caps: c }));
}

export interface SqlString {
  /** The literal's text, a template's `${…}` in it as a hole (see tableReferences). */
  text: string;
  line: number;
  /** The source text of each `${…}`, in order. */
  holes: string[];
}

/** Every string and template literal of a TypeScript source (a template's `${…}` as a hole), but those under a `skip` node. */
export function sqlStrings(fileName: string, source: string, skip: (node: ts.Node) => boolean = () => false): SqlString[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const out: SqlString[] = [];
  const at = (n: ts.Node) => file.getLineAndCharacterOfPosition(n.getStart()).line + 1;
  const visit = (node: ts.Node): void => {
    if (skip(node)) return;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push({ text: node.text, line: at(node), holes: [] });
    else if (ts.isTemplateExpression(node)) {
      out.push({
        text: node.head.text + node.templateSpans.map((s, i) => HOLE_OPEN + i + HOLE_CLOSE + s.literal.text).join(''),
        line: at(node),
        holes: node.templateSpans.map((s) => s.expression.getText(file)),
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

// SQL statements as a string starts them (a fragment such as ` AND x = $1` is none).
const STATEMENT = new RegExp(
  String.raw`^\s*\(?\s*(?:select\s[\s\S]*\bfrom\b|select\s+(?:[\d$*(]|[a-z_][\w.]*\s*\()|insert\s+into\s|update\s+[\w".${HOLE_OPEN}${HOLE_CLOSE}]+\s+(?:\w+\s+)?set\s|` +
    String.raw`delete\s+from\s|with\s+(?:recursive\s+)?[\w${HOLE_OPEN}${HOLE_CLOSE}]+\s+as\s*\(|copy\s|truncate\s|lock\s+table\s)`,
  'i',
);

/** True when a string literal is an SQL statement (SELECT, INSERT, UPDATE, DELETE, WITH …). */
export function isSqlStatement(text: string): boolean {
  return STATEMENT.test(text);
}
