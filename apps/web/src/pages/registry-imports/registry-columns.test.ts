import { describe, expect, it } from 'vitest';
import { columnLabel, type RegistryColumn } from './registry-columns';

// two of the columns GET /api/registry-reference lists for people
const COLUMNS: RegistryColumn[] = [
  { key: 'idNumber', zh: '身份证号码', required: true },
  { key: 'phone', zh: '联系电话', required: false },
];

describe('registry columns', () => {
  it("names a bad row's column by its Chinese header, the key itself when unknown or not loaded yet", () => {
    expect(columnLabel(COLUMNS, 'idNumber')).toBe('身份证号码');
    expect(columnLabel(COLUMNS, 'file')).toBe('file');
    expect(columnLabel(undefined, 'phone')).toBe('phone');
  });
});
