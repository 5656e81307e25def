import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectEncoding, sniffEncoding, SNIFF_BYTES } from './text-encoding';

// 姓名 in GBK: 姓 = D0 D5, 名 = C3 FB (GB 2312 table)
const GBK_NAME = [0xd0, 0xd5, 0xc3, 0xfb];

describe('detectEncoding', () => {
  it('reads a BOM as UTF-8, valid UTF-8 as UTF-8, and the rest as GB18030 when it decodes', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, ...GBK_NAME]))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('身份证号码,姓名\n', 'utf8'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('idNumber,name\n'))).toBe('utf-8');
    expect(detectEncoding(new Uint8Array([...GBK_NAME, 0x2c, 0x0a]))).toBe('gb18030');
    expect(new TextDecoder('gb18030').decode(new Uint8Array(GBK_NAME))).toBe('姓名');
  });

  it('does not hold a character cut at the end of the sample against UTF-8', () => {
    expect(detectEncoding(Buffer.from('姓名', 'utf8').subarray(0, 5))).toBe('utf-8');
  });

  it('refuses UTF-16, binary files and bytes valid in neither, saying how to save the file', () => {
    expect(() => detectEncoding(new Uint8Array([0xff, 0xfe, 0x59, 0x5b]))).toThrow(/UTF-16[\s\S]*CSV UTF-8（逗号分隔）/);
    expect(() => detectEncoding(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00]))).toThrow(/不是文本/);
    expect(() => detectEncoding(new Uint8Array([0x41, 0xff, 0xff, 0x42]))).toThrow(/既不是 UTF-8，也不是 GBK\/GB18030/);
  });
});

describe('sniffEncoding', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yingbao-sniff-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, ...parts: Uint8Array[]) => {
    const path = join(dir, name);
    writeFileSync(path, Buffer.concat(parts));
    return path;
  };
  // more than a sample of ASCII rows before the first name: the start says nothing of the encoding
  const asciiRows = Buffer.from('110101199001011234,13912345678,V1\n'.repeat(Math.ceil((SNIFF_BYTES * 1.5) / 34)));

  it('looks past a plain ASCII start to the first other byte: GBK there is GBK, UTF-8 there UTF-8', async () => {
    expect(await sniffEncoding(file('gbk.csv', asciiRows, new Uint8Array([...GBK_NAME, 0x0a])))).toBe('gb18030');
    expect(await sniffEncoding(file('utf8.csv', asciiRows, Buffer.from('姓名\n', 'utf8')))).toBe('utf-8');
    expect(await sniffEncoding(file('ascii.csv', asciiRows))).toBe('utf-8');
  });

  it('decides on the first sample where it holds other bytes than ASCII', async () => {
    expect(await sniffEncoding(file('short-gbk.csv', new Uint8Array([...GBK_NAME, 0x2c, 0x0a]), asciiRows))).toBe('gb18030');
  });
});
