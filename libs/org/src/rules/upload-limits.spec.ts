import { tableProblem, TREE_FILE_LIMITS, zipProblem } from './upload-limits';

const MB = 1024 * 1024;

describe('tree file limits', () => {
  it('accepts an ordinary workbook', () => {
    expect(
      zipProblem([
        { name: '[Content_Types].xml', compressedSize: 400, uncompressedSize: 1500 },
        { name: 'xl/worksheets/sheet1.xml', compressedSize: 300_000, uncompressedSize: 3 * MB }, // 10:1
      ]),
    ).toBeNull();
  });

  it('refuses more than 50 MB uncompressed in total', () => {
    // 26 + 25 = 51 MB > 50 MB, each at a harmless 13:1
    const p = zipProblem([
      { name: 'a.xml', compressedSize: 2 * MB, uncompressedSize: 26 * MB },
      { name: 'b.xml', compressedSize: 2 * MB, uncompressedSize: 25 * MB },
    ]);
    expect(p).toContain('文件解压后共 51 MB，超过上限 50 MB');
  });

  it('refuses an entry compressed more than 200:1 once it is over 1 MB', () => {
    // 10 MB in 10 KB: 1024:1
    expect(zipProblem([{ name: 'xl/worksheets/sheet1.xml', compressedSize: 10 * 1024, uncompressedSize: 10 * MB }])).toContain('压缩比为 1024:1');
    // 0.5 MB in 100 bytes is small enough not to matter
    expect(zipProblem([{ name: 'x.xml', compressedSize: 100, uncompressedSize: MB / 2 }])).toBeNull();
  });

  it('refuses too many entries', () => {
    const entries = Array.from({ length: TREE_FILE_LIMITS.maxEntries + 1 }, (_, i) => ({ name: `${i}`, compressedSize: 1, uncompressedSize: 1 }));
    expect(zipProblem(entries)).toContain('501 个压缩条目');
  });

  it('bounds rows (header included) and columns', () => {
    expect(tableProblem(20_001, 4)).toBeNull();
    expect(tableProblem(20_002, 4)).toContain('超过 20000 行');
    expect(tableProblem(10, 11)).toContain('文件有 11 列，最多 10 列');
  });
});
