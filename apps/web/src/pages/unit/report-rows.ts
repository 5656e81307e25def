import type { components } from '../../api/schema';
// The report form's rows as the batch API wants them (POST /api/progress-reports/batch), and the API's row errors
// (`rows[1].actual`) back on the form's rows: only rows with a figure are sent, so the indices differ.

export interface ReportFormRow {
  taskId: number;
  kind: 'count' | 'amount' | 'ratio';
  /** False for a task split further (its figure is its children's): shown, never sent. */
  reportable: boolean;
  actual?: number | string | null;
  denominator?: number | string | null;
  /** Ratio only, instead of the numerator and denominator: the rate in % (按比率填报). */
  rate?: number | string | null;
  reason?: string | null;
}

/** The batch report as the API takes it (generated from its DTO). */
export type BatchBody = components['schemas']['CreateReportBatchDto'];

const filled = (v: number | string | null | undefined): v is number | string => v !== null && v !== undefined && String(v).trim() !== '';

/** The batch for the filled rows, and for each batch row the index of its form row. */
export function batchOf(asOf: string, rows: ReportFormRow[]): { body: BatchBody; formIndex: number[] } {
  const formIndex: number[] = [];
  const out: BatchBody['rows'] = [];
  rows.forEach((r, i) => {
    const rateOnly = r.kind === 'ratio' && filled(r.rate) && !filled(r.actual) && !filled(r.denominator);
    if (!r.reportable || (!filled(r.actual) && !rateOnly)) return;
    formIndex.push(i);
    out.push({
      taskId: r.taskId,
      ...(rateOnly ? { rate: String(r.rate).trim() } : { actual: String(r.actual).trim() }),
      ...(r.kind === 'ratio' && !rateOnly && filled(r.denominator) ? { denominator: String(r.denominator).trim() } : {}),
      ...(r.reason?.trim() ? { reason: r.reason.trim() } : {}),
    });
  });
  return { body: { asOf, rows: out }, formIndex };
}

/**
 * Where an API field error goes on the form: `rows[1].actual` → ['rows', <its form row>, 'actual']; a row's taskId
 * (split, withdrawn, listed twice) goes under its figure; `asOf` stays `asOf`. Null for anything else.
 */
export function formFieldOf(apiField: string, formIndex: number[]): (string | number)[] | null {
  if (apiField === 'asOf') return ['asOf'];
  const m = /^rows\[(\d+)\]\.(\w+)$/.exec(apiField);
  if (!m || formIndex[Number(m[1])] === undefined) return null;
  const field = m[2] === 'taskId' || m[2] === 'asOf' ? 'actual' : m[2];
  return ['rows', formIndex[Number(m[1])], field];
}

/** A batch error's message without its row label (`第 2 行（单位V1）：`): next to its own input the row is plain. */
export function messageOnRow(message: string): string {
  return message.replace(/^第 \d+ 行(（[^）]*）)?(「[^」]*」)?：/, '');
}
