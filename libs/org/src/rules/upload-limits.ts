/**
 * Limits of an org-tree file, checked before and while it is parsed: a 2 MB XLSX can unpack to
 * gigabytes (a zip bomb), so its central directory is read first and the parse itself is bounded.
 */
export const TREE_FILE_LIMITS = {
  /** Sum of the uncompressed sizes of every entry of the XLSX (a real tree of 20 000 rows is a few MB). */
  maxUncompressedBytes: 50 * 1024 * 1024,
  /** Entries in the XLSX zip (a workbook has a dozen or so). */
  maxEntries: 500,
  /** Uncompressed / compressed of one entry; worksheet XML compresses about 10:1, runs of zeros 1000:1. */
  maxRatio: 200,
  /** Below this uncompressed size an entry's ratio does not matter. */
  ratioFloorBytes: 1024 * 1024,
  maxRows: 20_000,
  maxColumns: 10,
  /** The XLSX parse runs in a worker thread with this heap and is stopped after this long. */
  workerHeapMb: 256,
  workerTimeoutMs: 15_000,
} as const;

export interface ZipEntrySize {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

/** Why a zip's central directory is refused (Chinese, for the clerk), or null when it is within the limits. */
export function zipProblem(entries: ZipEntrySize[], limits: typeof TREE_FILE_LIMITS = TREE_FILE_LIMITS): string | null {
  if (entries.length > limits.maxEntries)
    return `文件包含 ${entries.length} 个压缩条目，超过上限 ${limits.maxEntries}，不是正常的 Excel 文件 (too many zip entries)`;
  const total = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (total > limits.maxUncompressedBytes)
    return `文件解压后共 ${mb(total)} MB，超过上限 ${mb(limits.maxUncompressedBytes)} MB：请只保留组织树一张表 (uncompressed size over the limit)`;
  for (const e of entries) {
    if (e.uncompressedSize < limits.ratioFloorBytes) continue;
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (ratio > limits.maxRatio) return `文件中 ${e.name} 的压缩比为 ${Math.round(ratio)}:1，异常偏高，拒绝解析 (compression ratio over ${limits.maxRatio}:1)`;
  }
  return null;
}

/** Why a parsed table is refused (rows counted with the header), or null. */
export function tableProblem(rows: number, columns: number, limits: typeof TREE_FILE_LIMITS = TREE_FILE_LIMITS): string | null {
  if (rows > limits.maxRows + 1) return `文件超过 ${limits.maxRows} 行数据，请分批导入 (more than ${limits.maxRows} rows)`;
  if (columns > limits.maxColumns)
    return `文件有 ${columns} 列，最多 ${limits.maxColumns} 列：组织树只需 code,name,level,parent_code (more than ${limits.maxColumns} columns)`;
  return null;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
