import { createReadStream } from 'node:fs';
import { ByteSource, encodingRefused, sniffEncoding } from '#core';

/** Bytes decoded at a time. */
const PIECE = 32 * 1024;

/**
 * CSV records of a UTF-8 or GB18030/GBK file (text-encoding.ts decides from its first 64 KB that are not plain ASCII), streamed in batches, read the way csv-parse reads them with
 * `{ bom: true, relax_column_count: true, skip_empty_lines: true }` (RFC 4180: `"` quotes, `""` inside
 * quotes, quoted fields may hold commas and line breaks; the record delimiter is the first of
 * CRLF, LF or CR met in the file; empty lines are skipped), about four times faster: a line without
 * a quote is split on commas directly, and only quoted lines go through the character loop.
 */
export async function* csvRecords(source: string | ByteSource): AsyncGenerator<RecordBatch> {
  const parser = new CsvLineParser();
  const encoding = await sniffEncoding(source);
  // faster than StringDecoder; it drops a leading BOM itself. Fatal: a byte that does not fit the encoding
  // found past the sample refuses the file rather than loading U+FFFD into names and addresses.
  const decoder = new TextDecoder(encoding, { fatal: true });
  const decode = (chunk?: Buffer) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw encodingRefused(`第 ${parser.rowsSeen + 1} 行附近出现不符合 ${encoding === 'utf-8' ? 'UTF-8' : 'GBK/GB18030'} 编码的字节，文件可能混用了编码`);
    }
  };
  // One batch per 32 KB read: awaiting each record costs more than parsing it, and a small batch dies
  // young (a decoded text past ~128 KB would go to V8's large-object space, freed only by a full GC).
  // (an upload in the database comes in 1 MiB chunks: cut to the same 32 KB)
  const bytes = typeof source === 'string' ? createReadStream(source, { highWaterMark: PIECE }) : source();
  for await (const chunk of bytes) {
    for (let at = 0; at < (chunk as Buffer).length; at += PIECE) {
      const records = parser.push(decode((chunk as Buffer).subarray(at, at + PIECE)), false);
      if (records.length) yield { records, rows: parser.rows };
    }
  }
  const records = parser.push(decode(), true);
  if (records.length) yield { records, rows: parser.rows };
}

/** Records and, for each, its row as a spreadsheet shows the file (the header is row 1; an empty line is a row too). */
export interface RecordBatch {
  records: string[][];
  rows: number[];
}

/** Incremental parser: `push` text as it arrives (`final` with the last piece) and take the complete records. */
export class CsvLineParser {
  private buf = '';
  private delim: string | null = null;
  private row = 0;
  private started = false;
  /** The spreadsheet row of each record the last `push` returned: empty lines are skipped but counted. */
  rows: number[] = [];

  /** How many rows (records and empty lines) have been read so far. */
  get rowsSeen(): number {
    return this.row;
  }

  push(text: string, final: boolean): string[][] {
    this.rows = [];
    let buf = this.buf + text;
    if (!this.started && buf.length) {
      if (buf.charCodeAt(0) === 0xfeff) buf = buf.slice(1);
      this.started = true;
    }
    const out: string[][] = [];
    if (this.delim === null) this.delim = detectDelimiter(buf, final);
    if (this.delim === null) {
      // No line break seen yet: the whole text may still be one line.
      if (final && buf.length) this.parseAt(buf, 0, true, out);
      this.buf = final ? '' : buf;
      return out;
    }
    const delim = this.delim;
    let pos = 0;
    let q = -1; // the next quote at or after pos (found once, not per line)
    while (pos < buf.length) {
      let end = buf.indexOf(delim, pos);
      if (end < 0) {
        if (!final) break;
        end = buf.length;
      }
      if (q !== Infinity && q < pos) {
        q = buf.indexOf('"', pos);
        if (q < 0) q = Infinity;
      }
      if (q >= end) {
        this.row++;
        if (end > pos) {
          out.push(buf.slice(pos, end).split(','));
          this.rows.push(this.row);
        }
        pos = end + delim.length;
        continue;
      }
      const next = this.parseAt(buf, pos, final, out);
      if (next < 0) break; // a quoted field runs past the text we have
      pos = next;
    }
    this.buf = pos < buf.length ? buf.slice(pos) : '';
    return out;
  }

  /** Parses one record that holds a quote, starting at `pos`; returns the position after it, or -1 if more text is needed. */
  private parseAt(buf: string, pos: number, final: boolean, out: string[][]): number {
    const delim = this.delim;
    const fields: string[] = [];
    let i = pos;
    for (;;) {
      if (buf.charCodeAt(i) === 34) {
        let value = '';
        let j = i + 1;
        for (;;) {
          const q = buf.indexOf('"', j);
          if (q < 0 || q + 1 >= buf.length) {
            if (!final) return -1;
            if (q < 0) throw new Error(`第 ${this.row + 1} 行起的引号没有闭合（CSV 格式错误）`);
          }
          if (buf.charCodeAt(q + 1) === 34) {
            value += buf.slice(j, q + 1);
            j = q + 2;
            continue;
          }
          value += buf.slice(j, q);
          i = q + 1;
          break;
        }
        fields.push(value);
        if (i >= buf.length) break;
        if (buf.charCodeAt(i) === 44) {
          i++;
          continue;
        }
        if (delim !== null && buf.startsWith(delim, i)) {
          i += delim.length;
          break;
        }
        if (!final && delim !== null && delim.startsWith(buf.slice(i))) return -1; // CR of a CRLF at the end of the text
        throw new Error(`第 ${this.row + 1} 行的引号后应为逗号或换行（CSV 格式错误）`);
      }
      let j = i;
      for (; j < buf.length; j++) {
        const c = buf.charCodeAt(j);
        if (c === 44 || (delim !== null && c === delim.charCodeAt(0) && buf.startsWith(delim, j))) break;
        if (c === 34) throw new Error(`第 ${this.row + 1} 行的字段中间出现引号（CSV 格式错误，整个字段应加引号）`);
      }
      if (j >= buf.length && !final) return -1;
      fields.push(buf.slice(i, j));
      if (j >= buf.length) {
        i = j;
        break;
      }
      if (buf.charCodeAt(j) === 44) {
        i = j + 1;
        continue;
      }
      i = j + delim!.length;
      break;
    }
    out.push(fields);
    this.rows.push(++this.row);
    return i;
  }
}

/** The first line break outside quotes decides the record delimiter (as csv-parse discovers it); null until one is seen. */
function detectDelimiter(buf: string, final: boolean): string | null {
  let quoted = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && c === 10) return '\n';
    else if (!quoted && c === 13) {
      if (i + 1 < buf.length) return buf.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
      return final ? '\r' : null;
    }
  }
  return null;
}
