import { DataSource } from 'typeorm';
import { makeCampaign, makeSmallCity, unitId } from '../helpers/factories';
import { messageRef } from '#outreach';
import { TestApi, waitFor } from '../helpers/test-app';

/** The small city, the office's token and an active 2026 campaign at C1. */
export async function makeOutreachCity(api: TestApi): Promise<{ token: string; campaignId: number; d1: number; d2: number }> {
  await makeSmallCity(api.ds);
  const { campaignId } = await makeCampaign(api.ds, { name: '2026年扩面' });
  return { token: await api.login('office'), campaignId, d1: await unitId(api.ds, 'D1'), d2: await unitId(api.ds, 'D2') };
}

/**
 * Inserts people 1..n of a village; person i is named `${namePrefix}${i}` and has phone phoneOf(i).
 * V1/V2 people are lapsed contributors, V3 people will enrol (so rounds over D1 and D2 do not overlap).
 */
export async function addPeople(ds: DataSource, campaignId: number, village: 'V1' | 'V3', n: number, namePrefix: string, phoneOf: (i: number) => string) {
  const rows = Array.from({ length: n }, (_, k) => [`${namePrefix}-${k + 1}`, `${namePrefix}${k + 1}`, phoneOf(k + 1)]);
  await ds.query(
    `INSERT INTO registry_person (campaign_id, org_unit_id, org_unit_path, id_number, name, sex, birth_date, phone, source_group, status)
     SELECT $1, u.id, u.path, x->>0, x->>1, 'F', '1980-01-01', x->>2,
            CASE WHEN $3 = 'V3' THEN 'other' ELSE 'lapsed_contributor' END, CASE WHEN $3 = 'V3' THEN 'will_enrol' ELSE 'pending' END
       FROM jsonb_array_elements($2::jsonb) x JOIN org_unit u ON u.code = $3`,
    [campaignId, JSON.stringify(rows), village],
  );
}

export type Totals = Record<'queued' | 'sending' | 'sent' | 'delivered' | 'failed' | 'skipped' | 'total', number>;

/** The office's calls on reminder rounds, through HTTP. */
export function rounds(api: TestApi, token: string, campaignId: number) {
  const office = api.as(token);
  const get = async (id: number) => (await office.get(`/api/reminder-rounds/${id}`)).body as { status: string; totals: Totals };
  return {
    /** Requests as the office. */
    office,
    plan: async (body: object): Promise<number> => {
      const res = await office
        .post('/api/reminder-rounds')
        .send({ campaignId, plannedFor: '2026-03-15', amount: 3600, deadline: '2026-03-31', officePhone: '0571-88886666', ...body });
      if (res.status !== 201) throw new Error(`plan: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as number;
    },
    start: async (id: number) => {
      const res = await office.post(`/api/reminder-rounds/${id}/start`);
      if (res.status !== 200) throw new Error(`start: ${res.status} ${JSON.stringify(res.body)}`);
    },
    get,
    /** Waits until the round is finished and nothing is queued, sending or awaiting a delivery report (when sentIsFinal is false). */
    settled: async (id: number, ms = 40000, sentIsFinal = false) =>
      (await waitFor(async () => {
        const r = await get(id);
        return r.status === 'finished' && r.totals.queued === 0 && r.totals.sending === 0 && (sentIsFinal || r.totals.sent === 0) ? r : null;
      }, ms))!,
    /** Ref as sent (om-<id>[-r<n>]-<token>, for the message's current resend) → phone, for a round. */
    refs: async (id: number): Promise<Map<string, string>> => {
      const rows: { id: string; resends: number; ref_token: string; phone: string }[] = await api.ds.query(
        `SELECT m.id, m.resends, m.ref_token::text AS ref_token, p.phone FROM outreach_message m JOIN registry_person p ON p.id = m.person_id WHERE m.round_id = $1`,
        [id],
      );
      return new Map(rows.map((r) => [messageRef(r.id, r.resends, r.ref_token), r.phone]));
    },
  };
}

/** How many times each key occurs. */
export function countBy<T>(items: T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const it of items) m.set(key(it), (m.get(key(it)) ?? 0) + 1);
  return m;
}
