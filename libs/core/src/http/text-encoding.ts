import { createReadStream } from 'node:fs';

/** The encodings a CSV upload (a registry import, a progress table) is read in: UTF-8 (with or without a BOM), or GB18030 (a superset of GBK, which Excel on Chinese Windows saves "CSV (逗号分隔)" in). */
export type CsvEncoding = 'utf-8' | 'gb18030';

const SAVE_AS = '请在 Excel 中点“文件 → 另存为”，保存类型选“CSV UTF-8（逗号分隔）(*.csv)”或“Excel 工作簿 (*.xlsx)”，再重新上传';

/** A file whose bytes are not text in an encoding we read; the message tells the clerk how to save it. */
export class EncodingRefused extends Error {}

export function encodingRefused(detail: string): EncodingRefused {
  return new EncodingRefused(`无法识别文件的字符编码（${detail}）。${SAVE_AS}`);
}

/** How many leading bytes decide the encoding. */
export const SNIFF_BYTES = 64 * 1024;

/**
 * The encoding of a CSV file's leading bytes: a UTF-8 BOM means UTF-8; bytes that are valid UTF-8 are
 * UTF-8 (an ASCII-only start too); otherwise valid GB18030 is GB18030. UTF-16 (Excel's "Unicode 文本"),
 * a binary file (NUL bytes: an .xls or .xlsx renamed .csv) and bytes valid in neither are refused.
 * A sequence cut at the end of the sample is not held against it (`stream`).
 */
export function detectEncoding(head: Uint8Array): CsvEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) throw encodingRefused('文件是 UTF-16 “Unicode 文本”，不是 CSV');
  if (head.includes(0)) throw encodingRefused('文件不是文本，可能是改了扩展名的 Excel 文件');
  if (decodes('utf-8', head)) return 'utf-8';
  if (decodes('gb18030', head)) return 'gb18030';
  throw encodingRefused('既不是 UTF-8，也不是 GBK/GB18030');
}

function decodes(encoding: CsvEncoding, bytes: Uint8Array): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** How far into a file whose start is plain ASCII the first other byte is looked for. */
export const SNIFF_LIMIT = 64 * 1024 * 1024;

const isAscii = (bytes: Uint8Array) => bytes.every((b) => b < 0x80);

/**
 * The encoding of the CSV file at `path` (or of the bytes `source` opens), from its first SNIFF_BYTES; where those are plain ASCII (a header row
 * and rows of digits say nothing of the encoding), from the SNIFF_BYTES that start at its first other byte,
 * looked for within SNIFF_LIMIT (a GBK file with 2 000 rows of ASCII before its first name is still read as GBK).
 */
export async function sniffEncoding(source: string | ByteSource): Promise<CsvEncoding> {
  const stream = typeof source === 'string' ? createReadStream(source) : source();
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  /** At least `n` bytes starting with `first` (fewer at the end of the file). */
  const fill = async (first: Buffer, n: number): Promise<Buffer> => {
    const parts = [first];
    let have = first.length;
    while (have < n) {
      const r = await it.next();
      if (r.done) break;
      parts.push(r.value);
      have += r.value.length;
    }
    return Buffer.concat(parts);
  };
  try {
    const start = await fill(Buffer.alloc(0), SNIFF_BYTES);
    const head = start.subarray(0, SNIFF_BYTES);
    const encoding = detectEncoding(head);
    if (!isAscii(head) || head.length < SNIFF_BYTES) return encoding;
    let tail = start.subarray(SNIFF_BYTES);
    for (let seen = SNIFF_BYTES; seen < SNIFF_LIMIT;) {
      const first = tail.findIndex((b) => b >= 0x80);
      if (first >= 0) return detectEncoding((await fill(tail.subarray(first), SNIFF_BYTES)).subarray(0, SNIFF_BYTES));
      seen += tail.length;
      const r = await it.next();
      if (r.done) break;
      tail = r.value;
    }
    return encoding;
  } finally {
    await it.return?.(); // closes the file or the upload's stream
  }
}

/** Bytes to read from the start, opened afresh at each call: a file on disk, an upload in the database. */
export type ByteSource = () => AsyncIterable<Buffer>;
