import type { Forecast } from '../rules/forecast';

/** One child unit's task of one indicator, and where it is headed (rules/forecast.ts). */
export interface ForecastRow extends Forecast {
  indicatorId: number;
  indicatorCode: string;
  indicatorName: string;
  indicatorKind: string;
  /** The indicator's unit (person, yuan ...); a ratio's figures are in %. */
  indicatorUnit: string | null;
  unitId: number;
  unitCode: string;
  unitName: string;
  taskId: number;
  deadline: string;
  target: string | null;
  /** The figure today: a count or amount, a ratio's rate in % (null without a denominator). */
  actual: string | null;
  /** The projected figure at the deadline (trend, else linear) as a share of the target, % one decimal. */
  projectedPct: string | null;
}

/** The forecasts of the children of a unit (a level), as of a date. */
export interface ForecastList {
  campaignId: number;
  unitId: number;
  date: string;
  /** Rows of every child task that will miss, on all pages. */
  willMiss: number;
  items: ForecastRow[];
  total: number;
  page: number;
  pageSize: number;
}

/** A bulletin's part on who will miss the deadline at the current pace, frozen at issue (the first BULLETIN_FORECAST_MAX). */
export interface BulletinForecast {
  total: number;
  rows: ForecastRow[];
}
