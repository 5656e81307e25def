import { DomainError, ErrorCode } from '#core';
import { Worker } from 'node:worker_threads';
import * as yauzl from 'yauzl';
import { tableProblem, TREE_FILE_LIMITS, ZipEntrySize, zipProblem } from '../rules/upload-limits';

const refuse = (message: string) => new DomainError(ErrorCode.ImportRejected, message, [{ field: 'file', message }]);

/**
 * Reads the first sheet of an XLSX as a table of strings, without letting the file take the API
 * down: the zip's central directory is checked against the size, ratio and entry limits before
 * anything is unpacked, and the parse runs in a worker thread with a bounded heap and a timeout,
 * so the event loop keeps answering and a file that lies about its sizes kills only the worker.
 */
export async function readXlsxTable(buffer: Buffer): Promise<string[][]> {
  const problem = zipProblem(await zipEntries(buffer));
  if (problem) throw refuse(problem);
  // the directory may lie: inflate every entry once, stopping at the first byte beyond its stated size
  await inflateWithinStatedSizes(buffer);
  const table = await parsers.run(() => parseInWorker(buffer));
  const tooBig = tableProblem(table.length, Math.max(0, ...table.map((r) => r.length)));
  if (tooBig) throw refuse(tooBig);
  return table;
}

/** The entries' sizes as the central directory states them; nothing is inflated. */
async function zipEntries(buffer: Buffer): Promise<ZipEntrySize[]> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true });
  } catch {
    throw refuse('文件不是有效的 XLSX（Excel 2007 及以上）文件，无法读取 (the XLSX file cannot be read)');
  }
  return new Promise((resolve, reject) => {
    const out: ZipEntrySize[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      out.push({ name: e.fileName, compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize });
      if (out.length > TREE_FILE_LIMITS.maxEntries) {
        zip.close();
        resolve(out);
      } else zip.readEntry();
    });
    zip.once('end', () => resolve(out));
    zip.once('error', () => reject(refuse('文件不是有效的 XLSX（Excel 2007 及以上）文件，无法读取 (the XLSX file cannot be read)')));
    zip.readEntry();
  });
}

const LIED = '文件的实际解压大小与其声明不符，疑似压缩炸弹，拒绝解析 (an entry unpacks beyond its stated size)';

/**
 * Inflates each entry and throws away the bytes: yauzl's validateEntrySizes ends the stream with an error
 * as soon as an entry yields more than its central directory says, so a bomb that states 1 KB costs 1 KB.
 * What passes is within maxUncompressedBytes, already checked against the stated sizes.
 */
async function inflateWithinStatedSizes(buffer: Buffer): Promise<void> {
  const zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true }).catch(() => {
    throw refuse(LIED);
  });
  await new Promise<void>((resolve, reject) => {
    const fail = () => {
      zip.close();
      reject(refuse(LIED));
    };
    zip.on('entry', (e: yauzl.Entry) => {
      zip.openReadStream(e, (err, stream) => {
        if (err || !stream) return fail();
        stream.on('data', () => undefined);
        stream.once('error', fail);
        stream.once('end', () => zip.readEntry());
      });
    });
    zip.once('end', () => resolve());
    zip.once('error', fail);
    zip.readEntry();
  });
}

/** At most this many XLSX parses at once: each worker may take workerHeapMb and more in buffers; the rest wait their turn. */
const PARALLEL_PARSES = 2;

class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly max: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
const parsers = new Semaphore(PARALLEL_PARSES);

// Plain CommonJS run by the worker thread (eval), so it needs no build step in tests or production.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ExcelJS = require(workerData.exceljs);
// a cell as the clerk sees it: rich text joined, a formula's result, a hyperlink's text
function cellText(v) {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'object' || v instanceof Date) return String(v);
  if (Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
  if ('text' in v) return cellText(v.text);
  if ('result' in v) return cellText(v.result);
  return String(v);
}
(async () => {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(workerData.buffer);
  } catch (e) {
    parentPort.postMessage({ error: 'unreadable' });
    return;
  }
  const ws = wb.worksheets[0];
  if (ws && ws.rowCount > workerData.maxRows + 1) {
    parentPort.postMessage({ rows: ws.rowCount });
    return;
  }
  const table = [];
  if (ws) ws.eachRow({ includeEmpty: true }, (row) => {
    const values = row.values.slice(1);
    let end = values.length;
    while (end > 0 && (values[end - 1] === null || values[end - 1] === undefined || values[end - 1] === '')) end--;
    table.push(values.slice(0, end).map(cellText));
  });
  parentPort.postMessage({ table });
})();
`;

function parseInWorker(buffer: Buffer): Promise<string[][]> {
  const L = TREE_FILE_LIMITS;
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { buffer, exceljs: require.resolve('exceljs'), maxRows: L.maxRows },
      resourceLimits: { maxOldGenerationSizeMb: L.workerHeapMb, maxYoungGenerationSizeMb: 32 },
      stdout: true,
      stderr: true,
    });
    const timer = setTimeout(
      () => done(() => reject(refuse(`文件解析超过 ${L.workerTimeoutMs / 1000} 秒仍未完成，请精简文件或改用 CSV (parsing took too long)`))),
      L.workerTimeoutMs,
    );
    worker.once('message', (m: { table?: string[][]; rows?: number; error?: string }) =>
      done(() => {
        if (m.table) resolve(m.table);
        else if (m.rows) reject(refuse(tableProblem(m.rows, 0) ?? '文件行数过多，请分批导入（too many rows）'));
        else reject(refuse('文件不是有效的 XLSX（Excel 2007 及以上）文件，无法读取 (the XLSX file cannot be read)'));
      }),
    );
    worker.once('error', (e: Error & { code?: string }) =>
      done(() =>
        reject(
          refuse(
            e.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? '文件解压后过大，超出解析上限，拒绝导入 (the file unpacks beyond the memory limit)'
              : '文件不是有效的 XLSX（Excel 2007 及以上）文件，无法读取 (the XLSX file cannot be read)',
          ),
        ),
      ),
    );
    worker.once('exit', () => done(() => reject(refuse('文件不是有效的 XLSX（Excel 2007 及以上）文件，无法读取 (the XLSX file cannot be read)'))));
  });
}
