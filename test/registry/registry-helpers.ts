import { idNumberCheckChar, usccCheckChar } from '#registry';
import { DataSource } from 'typeorm';

/** A valid ID number for a birth date 'YYYYMMDD' and a 3-digit sequence (odd = male). */
export function idNumber(birth: string, seq: number, region = '510105'): string {
  const first = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first + idNumberCheckChar(first);
}

/** A valid USCC from a 9-character serial (digits / letters of the USCC set). */
export function uscc(serial: string, region = '510105'): string {
  const first = `91${region}${serial.padStart(9, '0')}`;
  return first + usccCheckChar(first);
}

export async function makeCampaign(ds: DataSource, unitCode = 'C1', settings: object = {}, startsOn = '2026-01-01'): Promise<number> {
  const [row] = await ds.query(
    `INSERT INTO campaign (org_unit_id, name, starts_on, ends_on, status, settings) SELECT id, '2026年扩面', $2, '2026-12-31', 'active', $3 FROM org_unit WHERE code = $1 RETURNING id`,
    [unitCode, startsOn, JSON.stringify(settings)],
  );
  return row.id;
}
