import type { BulletinCadence } from '../rules/bulletin-schedule';
import { ProgressRow } from './dashboard.types';
import type { BulletinUnreported } from './reporting-completeness.types';
import type { BulletinForecast } from './forecast.types';

/** One indicator of a bulletin. */
export interface BulletinSection {
  indicatorId: number;
  code: string;
  name: string;
  kind: string;
  unit: string | null;
  total: ProgressRow;
  /** The ranking table: every child unit in rank order. */
  ranking: ProgressRow[];
  /** Completed (≥ 100 %) or ahead of the expected rate. */
  praised: ProgressRow[];
  /** Behind the expected rate, with something done. */
  criticised: ProgressRow[];
  /** Nothing done: named separately. */
  zero: ProgressRow[];
  /** What the bulletin says of it (rules/bulletin-content.ts bulletinSentences): the figure, then praise and criticism. */
  sentences: string[];
}

/**
 * What a bulletin says, frozen when it was issued. The document (PDF, XLSX) prints, in this order: title, 第N期
 * (the row's issueNo), issuer and date, then each section's sentences and table. Further parts of a bulletin are
 * further fields here, each printed by the document after the sections.
 */
export interface BulletinContent {
  /** 2026年扩面征缴专项行动月度进度通报 (rules/bulletin-content.ts bulletinTitle). */
  title: string;
  /** 市本级社会保险扩面征缴工作领导小组办公室 (issuerName). */
  issuer: string;
  campaignName: string;
  /** The issuing unit: the bulletin covers its children. */
  unitName: string;
  /** The date of the figures and of issue. */
  date: string;
  expectedPct: string;
  sections: BulletinSection[];
  /** Units that had not reported in the period by the bulletin's date (absent in bulletins made before issue 17). */
  unreported?: BulletinUnreported;
  /** The child tasks that will miss the deadline at the current pace, with the pace each needs (absent before issue 20). */
  forecast?: BulletinForecast;
}

export interface BulletinView {
  id: number;
  campaignId: number;
  /** The issuing unit. */
  unitId: number;
  unitName: string;
  cadence: BulletinCadence;
  /** 第N期 of the series (campaign, issuing unit, cadence), in the order issued. */
  issueNo: number;
  /** The last day of the period the bulletin is for (one bulletin per series and period). */
  periodEnd: string;
  date: string;
  trigger: string;
  generatedAt: Date;
  content: BulletinContent;
}
