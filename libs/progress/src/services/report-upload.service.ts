import { CampaignReader, IndicatorRecord } from '#campaigns';
import { AuthUser, detectEncoding, DomainError, encodingRefused, EncodingRefused, ErrorCode, FieldError, isIsoDate } from '#core';
import { readXlsxTable, ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { parse } from 'csv-parse/sync';
import { DataSource, EntityManager } from 'typeorm';
import { ReportUploadDto } from '../dto/progress.dto';
import { ReportUploadRepository } from '../repositories/report-upload.repository';
import { ParsedTable, parseProgressTable, pickUnit, TableRow, unitKey } from '../rules/progress-table';
import { BatchLine, batchRefused, ReportsService, ReportView, rowLabel } from './reports.service';

/** At most this many data rows per upload (a district's towns, a town's villages). */
export const UPLOAD_MAX_ROWS = 1000;

/** One row of an uploaded table as read and checked: what the file says, what it was matched to, and what is wrong with it. */
export interface UploadRowView {
  /** The row number in the file (1-based, as Excel shows it). */
  row: number;
  /** The unit as written in the file. */
  unitName: string;
  unitId: number | null;
  unitCode: string | null;
  indicatorId: number | null;
  indicatorName: string | null;
  taskId: number | null;
  actual: string | null;
  denominator: string | null;
  /** A rate reported alone, in %. */
  rate: string | null;
  /** The plan column as written (计划指标): shown beside the figures, not stored. */
  plan: string | null;
  reason: string | null;
  /** Empty when the row can be stored. */
  problems: FieldError[];
}

export interface ReportUploadView {
  asOf: string;
  dryRun: boolean;
  /** True when every row was stored (never in a dry run). */
  stored: boolean;
  rows: UploadRowView[];
  skipped: { row: number; unit: string; reason: string }[];
  /** The stored reports, in the order of the rows ([] in a dry run). */
  reports: ReportView[];
}

const refuse = (message: string, field = 'file') => new DomainError(ErrorCode.Validation, message, [{ field, message }]);

/**
 * A progress table uploaded as XLSX or CSV (issue 17 point 1): units named as the seeds print them, in the caller's
 * subtree; one indicator for the file or an 指标 column; then the rules of the batch report, all rows or none. A dry
 * run answers the rows and their problems and stores nothing.
 */
@Injectable()
export class ReportUploadService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scope: ScopeService,
    private readonly campaigns: CampaignReader,
    private readonly reports: ReportsService,
    private readonly repo: ReportUploadRepository,
  ) {}

  async upload(user: AuthUser, dto: ReportUploadDto, file: { buffer: Buffer; originalname: string }): Promise<ReportUploadView> {
    if (!isIsoDate(dto.asOf)) throw DomainError.validation('asOf', '须为日期，格式 YYYY-MM-DD（must be a date written YYYY-MM-DD）');
    const parsed = parseProgressTable(await readTable(file.buffer, file.originalname));
    if ('message' in parsed) throw refuse(parsed.message);
    if (!parsed.rows.length) throw refuse('表中没有数据行（the table has no data rows）');
    if (parsed.rows.length > UPLOAD_MAX_ROWS) throw refuse(`表中有 ${parsed.rows.length} 行，一次最多上传 ${UPLOAD_MAX_ROWS} 行，请分批上传（too many rows）`);
    const campaign = await this.campaigns.campaign(this.ds, dto.campaignId);
    if (!campaign) throw DomainError.notFound('campaign', dto.campaignId);
    const indicators = await this.campaigns.indicators(this.ds, dto.campaignId);
    const fixed = dto.indicatorId === undefined ? null : indicators.find((i) => i.id === dto.indicatorId);
    if (fixed === undefined)
      throw DomainError.validation('indicatorId', `指标 ${dto.indicatorId} 不属于扩面任务 ${dto.campaignId}（indicator not part of the campaign）`);
    if (!fixed && !parsed.headers.indicator)
      throw refuse('请选择指标，或在表中加「指标」列（写指标名称或代码）（choose the indicator or add an 指标 column）', 'indicatorId');
    const root = dto.parentUnitId ? await this.scope.unitPathInScope(user, dto.parentUnitId) : user.seesAll ? '/' : user.orgUnitPath;

    return this.ds.transaction(async (m) => {
      const rows = await this.resolve(m, parsed, root, dto.campaignId, fixed, indicators);
      const lines: BatchLine[] = [];
      const lineOf = new Map<number, number>();
      rows.forEach((r, i) => {
        if (r.problems.length || r.taskId === null) return;
        lineOf.set(lines.length, i);
        lines.push({
          key: `rows[${i}]`,
          row: r.row,
          unitName: r.unitName,
          input: {
            taskId: r.taskId,
            asOf: dto.asOf,
            ...(r.actual !== null ? { actual: r.actual } : {}),
            ...(r.denominator !== null ? { denominator: r.denominator } : {}),
            ...(r.rate !== null ? { rate: r.rate } : {}),
            ...(r.reason !== null ? { reason: r.reason } : {}),
          },
        });
      });
      const judged = await this.reports.judgeBatch(m, user, lines);
      judged.bad.forEach((b, k) => {
        if (b) rows[lineOf.get(k)!].problems.push(b);
      });
      const base = { asOf: dto.asOf, rows, skipped: parsed.skipped };
      if (dto.dryRun) return { ...base, dryRun: true, stored: false, reports: [] };
      const bad = rows.flatMap((r) => r.problems);
      if (bad.length) throw batchRefused(bad);
      return { ...base, dryRun: false, stored: true, reports: await this.reports.storeBatch(m, user, lines, judged) };
    });
  }

  /** Each row matched to its unit (in the subtree under `root`), indicator and task, or with the problems that stop it. */
  private async resolve(
    m: EntityManager,
    parsed: ParsedTable,
    root: string,
    campaignId: number,
    fixed: IndicatorRecord | null,
    indicators: IndicatorRecord[],
  ): Promise<UploadRowView[]> {
    const named = await this.repo.unitsNamed(
      m,
      root,
      [...new Set(parsed.rows.map((r) => unitKey(r.unit)).filter(Boolean))],
      [...new Set(parsed.rows.flatMap((r) => (r.unitCode ? [r.unitCode] : [])))],
    );
    const tasksOf = new Map<string, number[]>();
    const tasks = async (unitId: number, indicatorId: number) => {
      const k = `${unitId}-${indicatorId}`;
      if (!tasksOf.has(k)) tasksOf.set(k, await this.campaigns.liveTaskIdsHeldBy(m, unitId, [indicatorId]));
      return tasksOf.get(k)!;
    };
    const out: UploadRowView[] = [];
    for (const [i, r] of parsed.rows.entries()) {
      const label = rowLabel(r.row, r.unit || null);
      const problems: FieldError[] = r.problems.map((p) => ({ field: `rows[${i}].${p.field}`, row: r.row, message: `${label}「${p.header}」：${p.message}` }));
      const v: UploadRowView = {
        row: r.row,
        unitName: r.unit,
        unitId: null,
        unitCode: null,
        indicatorId: fixed?.id ?? null,
        indicatorName: fixed?.name ?? null,
        taskId: null,
        actual: r.actual,
        denominator: r.denominator,
        rate: r.rate,
        plan: r.plan,
        reason: r.reason,
        problems,
      };
      out.push(v);
      const ind = fixed ?? pickIndicator(r, indicators);
      if (!ind) {
        problems.push({
          field: `rows[${i}].indicator`,
          row: r.row,
          message: `${label}「${parsed.headers.indicator}」：${r.indicator ? `扩面任务中没有指标「${r.indicator}」` : '指标为空'}（unknown indicator）`,
        });
        continue;
      }
      v.indicatorId = ind.id;
      v.indicatorName = ind.name;
      if (r.actual === null && r.rate === null && !r.problems.length) {
        problems.push({ field: `rows[${i}].actual`, row: r.row, message: `${label}「${parsed.headers.actual ?? '完成数'}」：须填写完成数（empty）` });
      }
      const candidates = [];
      const key = unitKey(r.unit);
      for (const c of named.filter((c) => c.code === r.unitCode || (key && unitKey(c.name).startsWith(key))))
        candidates.push({ ...c, hasTask: (await tasks(c.id, ind.id)).length > 0 });
      const picked = pickUnit(r.unit, r.unitCode, candidates);
      if ('message' in picked) {
        problems.push({ field: `rows[${i}].unit`, row: r.row, message: `${label}「${parsed.headers.unit ?? '单位'}」：${picked.message}` });
        continue;
      }
      v.unitId = picked.unit.id;
      v.unitCode = picked.unit.code;
      const held = await tasks(picked.unit.id, ind.id);
      // the unit's own task is its first (cadres' shares of it come later): judging it names a split task as such
      if (!held.length)
        problems.push({
          field: `rows[${i}].unit`,
          row: r.row,
          message: `${label}：${picked.unit.name} 在扩面任务 ${campaignId} 中没有「${ind.name}」的任务（the unit holds no task for this indicator）`,
        });
      else v.taskId = Math.min(...held);
    }
    return out;
  }
}

/** The indicator a row names in its 指标 column: by code, else by name (spaces ignored). */
function pickIndicator(r: TableRow, indicators: IndicatorRecord[]): IndicatorRecord | undefined {
  if (!r.indicator) return undefined;
  const k = unitKey(r.indicator);
  return indicators.find((i) => i.code === r.indicator) ?? indicators.find((i) => unitKey(i.name) === k);
}

/** The first sheet of an XLSX (bounded, see #org readXlsxTable), or a CSV in UTF-8 (with or without BOM) or GB18030 (Excel on Chinese Windows). */
async function readTable(buffer: Buffer, filename: string): Promise<string[][]> {
  const name = filename.toLowerCase();
  if (name.endsWith('.xlsx'))
    return readXlsxTable(buffer).catch((e: unknown) => {
      // the shared reader's column limit speaks of org-tree files: say it of a progress table
      if (e instanceof DomainError && /列，最多 (\d+) 列/.test(e.message))
        throw refuse(`进度表最多 ${/最多 (\d+) 列/.exec(e.message)![1]} 列：请删去多余的列，只留 单位、完成数 等（too many columns）`);
      throw e;
    });
  if (!name.endsWith('.csv')) throw refuse('请上传 XLSX 或 CSV 文件（upload an .xlsx or .csv file）');
  let text: string;
  try {
    // the registry's rule (UTF-8, else GB18030; UTF-16 and binary refused), on the whole file: it is small
    text = new TextDecoder(detectEncoding(buffer), { fatal: true }).decode(buffer);
  } catch (e) {
    throw refuse(e instanceof EncodingRefused ? e.message : encodingRefused('既不是 UTF-8，也不是 GBK/GB18030').message);
  }
  try {
    return parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true, to: UPLOAD_MAX_ROWS + 20 }) as string[][];
  } catch (e) {
    throw refuse(`CSV 文件无法读取，请检查文件格式（the CSV file cannot be read: ${(e as Error).message}）`);
  }
}
