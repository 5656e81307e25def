import { ProgressRow } from './dashboard.types';
import type { BulletinUnreported } from './reporting-completeness.types';

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
  /** Units that had not reported in the period by the bulletin's date (absent in bulletins made before issue 17). */
  unreported?: BulletinUnreported;
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
