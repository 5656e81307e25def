import { ProgressRow } from './dashboard.types';

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
}

export interface BulletinContent {
  campaignName: string;
  unitName: string;
  date: string;
  expectedPct: string;
  sections: BulletinSection[];
}

export interface BulletinView {
  id: number;
  campaignId: number;
  unitId: number;
  date: string;
  trigger: string;
  generatedAt: Date;
  content: BulletinContent;
}
