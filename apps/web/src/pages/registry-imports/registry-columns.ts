// The columns a registry file may carry (libs/registry import/column-sets.ts), as the clerk reads them: Chinese header,
// English key, required. Headers match in either language; other columns are ignored.
export interface RegistryColumn {
  zh: string;
  key: string;
  required: boolean;
}

export const REGISTRY_COLUMNS: Record<'person' | 'employer', RegistryColumn[]> = {
  person: [
    { key: 'idNumber', zh: '身份证号码', required: true },
    { key: 'name', zh: '姓名', required: true },
    { key: 'phone', zh: '联系电话', required: false },
    { key: 'address', zh: '住址', required: false },
    { key: 'villageCode', zh: '村社区代码', required: true },
    { key: 'group', zh: '人员类别', required: true },
    { key: 'currentScheme', zh: '当前参保险种', required: false },
    { key: 'insuranceStatus', zh: '参保状态', required: false },
    { key: 'employerUscc', zh: '所在单位统一社会信用代码', required: false },
  ],
  employer: [
    { key: 'uscc', zh: '统一社会信用代码', required: true },
    { key: 'name', zh: '单位名称', required: true },
    { key: 'legalRepresentative', zh: '法定代表人', required: false },
    { key: 'address', zh: '地址', required: false },
    { key: 'unitCode', zh: '所在村镇代码', required: true },
    { key: 'industry', zh: '行业', required: false },
    { key: 'staffCount', zh: '职工人数', required: true },
    { key: 'insuredCount', zh: '参保人数', required: true },
    { key: 'uninsuredCount', zh: '未参保人数', required: false },
    { key: 'flags', zh: '标记', required: false },
  ],
};

/** An empty template: the Chinese header row (with a BOM so that Excel reads it as UTF-8). */
export function registryTemplate(kind: 'person' | 'employer'): string {
  return '\uFEFF' + REGISTRY_COLUMNS[kind].map((c) => c.zh).join(',') + '\r\n';
}

/** The Chinese header of a column the API names by key (a bad row's column); the key itself if unknown. */
export function columnLabel(kind: 'person' | 'employer', key: string): string {
  return REGISTRY_COLUMNS[kind].find((c) => c.key === key)?.zh ?? key;
}
