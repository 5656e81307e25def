import { parse } from 'csv-parse/sync';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvRecords, CsvLineParser } from './csv-records';

const OPTIONS = { bom: true, relax_column_count: true, skip_empty_lines: true };

/** Feeds `text` to the parser in pieces of the given sizes (cycled). */
function parsePieces(text: string, sizes: number[]): string[][] {
  const p = new CsvLineParser();
  const out: string[][] = [];
  let k = 0;
  for (let i = 0; i < text.length; k++) {
    const n = sizes[k % sizes.length];
    out.push(...p.push(text.slice(i, i + n), false));
    i += n;
  }
  out.push(...p.push('', true));
  return out;
}

function reference(text: string): string[][] | 'error' {
  try {
    return parse(text, OPTIONS) as string[][];
  } catch {
    return 'error';
  }
}

function ours(text: string, sizes: number[]): string[][] | 'error' {
  try {
    return parsePieces(text, sizes);
  } catch {
    return 'error';
  }
}

describe('csvRecords', () => {
  it('reads plain, quoted, multi-line and empty-line input like csv-parse', () => {
    const text = '\uFEFFa,b,c\n1,"x,y",3\n\n"say ""hi""",,"two\nlines"\n4,5\n';
    expect(parsePieces(text, [1000])).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x,y', '3'],
      ['say "hi"', '', 'two\nlines'],
      ['4', '5'],
    ]);
    // the same in one-character pieces, and with CRLF line ends
    expect(parsePieces(text, [1])).toEqual(parsePieces(text, [1000]));
    expect(parsePieces(text.replace(/\n/g, '\r\n'), [3])).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x,y', '3'],
      ['say "hi"', '', 'two\r\nlines'],
      ['4', '5'],
    ]);
  });

  it('keeps a last line without a line break, and a quoted empty line', () => {
    expect(parsePieces('a,b\n""\n1,2', [2])).toEqual([['a', 'b'], [''], ['1', '2']]);
    expect(parsePieces('only', [1])).toEqual([['only']]);
    expect(parsePieces('', [1])).toEqual([]);
  });

  it('rejects an unclosed quote and a quote inside an unquoted field, naming the line', () => {
    expect(() => parsePieces('a,b\n1,"open\n2,3\n', [4])).toThrow('第 2 行起的引号没有闭合');
    expect(() => parsePieces('a,b\n1,x"y\n', [4])).toThrow('第 2 行的字段中间出现引号');
    expect(() => parsePieces('a,b\n1,"x"y\n', [4])).toThrow('第 2 行的引号后应为逗号或换行');
    // the row a spreadsheet shows: a quoted line break stays in its row, an empty line is a row
    expect(() => parsePieces('a,b\n1,"x\ny"\n\n2,x"y\n', [4])).toThrow('第 4 行的字段中间出现引号');
  });

  it('agrees with csv-parse on 3000 random inputs fed in random pieces', () => {
    let seed = 12345;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const alphabet = ['a', 'b', '中', ',', ',', '"', '""', '\n', '\n', '\r\n', '\r', ' ', '\uFEFF'];
    let errors = 0;
    for (let t = 0; t < 3000; t++) {
      const parts: string[] = [];
      const n = 1 + Math.floor(rnd() * 30);
      for (let i = 0; i < n; i++) parts.push(alphabet[Math.floor(rnd() * alphabet.length)]);
      // mostly well-formed: quote whole fields half of the time
      const text = rnd() < 0.5 ? parts.join('') : parts.map((x) => (x === '"' || x === '""' ? '"x"' : x)).join('');
      const sizes = [1 + Math.floor(rnd() * 7), 1 + Math.floor(rnd() * 7)];
      const want = reference(text);
      if (want === 'error') errors++;
      expect({ text: JSON.stringify(text), sizes, got: ours(text, sizes) }).toEqual({ text: JSON.stringify(text), sizes, got: want });
    }
    expect(errors).toBeGreaterThan(100); // the inputs did exercise the error paths
  });

  it('streams a file, splitting UTF-8 characters across chunks correctly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-records-'));
    const path = join(dir, 'big.csv');
    const row = '张三,"李,四",王五\n';
    writeFileSync(path, 'h1,h2,h3\n' + row.repeat(200_000)); // ~4 MB: several 1 MB chunks
    let n = 0;
    let bad = 0;
    for await (const batch of csvRecords(path)) {
      for (const rec of batch.records) {
        n++;
        if (n > 1 && (rec[0] !== '张三' || rec[1] !== '李,四' || rec[2] !== '王五')) bad++;
      }
    }
    expect({ n, bad }).toEqual({ n: 200_001, bad: 0 });
  });

  it('numbers each record by its row as a spreadsheet shows the file: empty lines count, a quoted line break does not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-rows-'));
    const path = join(dir, 'rows.csv');
    // row 1 header, 2 a, 3 empty, 4 b (a quoted field over two lines), 5 empty, 6 empty, 7 c
    writeFileSync(path, 'h1,h2\r\na,1\r\n\r\nb,"x\r\ny"\r\n\r\n\r\nc,3\r\n');
    const seen: [string, number][] = [];
    for await (const batch of csvRecords(path)) batch.records.forEach((r, k) => seen.push([r[0], batch.rows[k]]));
    expect(seen).toEqual([
      ['h1', 1],
      ['a', 2],
      ['b', 4],
      ['c', 7],
    ]);
  });
});
