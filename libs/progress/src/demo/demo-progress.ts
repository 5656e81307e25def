import { OutboxService, refreshAttainment } from '#core';
import { EntityManager } from 'typeorm';
import { bulletinNotices, namedUnits, storeBulletin } from '../bulletins/bulletins.service';
import { buildDashboard } from '../dashboard/dashboard.service';
import { RollupRepository } from '../dashboard/rollup.repository';
import { bulletinDatesDue } from '../rules/bulletin-schedule';

/**
 * Demo (issue 4 §8): months of biweekly reports on every leaf task of the demo campaign, so that the
 * dashboard tells a story: district DH ahead of the expected rate, XL behind, NC mixed with one town at
 * zero; then the latest due bulletin, announced to the units it names.
 */
export async function seedDemoProgress(m: EntityManager): Promise<void> {
  const [c]: { id: number; org_unit_id: number; starts_on: string; ends_on: string; today: string }[] = await m.query(
    `SELECT id, org_unit_id, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on,
            to_char((now() AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS today
       FROM campaign WHERE status = 'active' ORDER BY id LIMIT 1`,
  );
  if (!c) return;
  const last = c.today < c.ends_on ? c.today : c.ends_on;
  const dates = bulletinDatesDue('biweekly', c.starts_on, c.ends_on, last);
  if (!dates.length) return;
  const [{ zero_town }]: { zero_town: number | null }[] = await m.query(`SELECT min(id) AS zero_town FROM org_unit WHERE level = 'town' AND code LIKE 'NC%'`);
  // Pace against the straight line to the year's end: DH 115 %, XL 65 %, NC 100 % except one town at zero.
  await m.query(
    `WITH leaves AS (
       SELECT t.id, t.target, i.kind, o.id AS unit_id, o.path,
              CASE WHEN o.path LIKE '%/' || $3::text || '/%' THEN 0
                   WHEN d.code = 'DH' THEN 1.15 WHEN d.code = 'XL' THEN 0.65 ELSE 1.0 END * (0.9 + (o.id % 5) * 0.05) AS pace
         FROM task t JOIN indicator i ON i.id = t.indicator_id JOIN org_unit o ON o.id = t.holder_unit_id
         LEFT JOIN org_unit d ON d.level = 'district' AND o.path LIKE d.path || '%'
        WHERE t.campaign_id = $1 AND t.withdrawn_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM task ch WHERE ch.parent_task_id = t.id AND ch.withdrawn_at IS NULL)
     ), dates AS (
       SELECT d::date AS as_of, (d::date - $2::date)::numeric / 365 AS frac FROM unnest($4::text[]) d
     )
     INSERT INTO progress_report (task_id, as_of, actual, denominator, reported_at)
     SELECT l.id, dt.as_of,
            CASE WHEN l.kind = 'ratio' THEN round((800 + l.unit_id % 400) * LEAST(0.995, CASE WHEN l.pace = 0 THEN 0 ELSE 0.9 + 0.09 * l.pace * dt.frac END))
                 ELSE round(l.target * LEAST(1.3, l.pace * dt.frac)) END,
            CASE WHEN l.kind = 'ratio' THEN 800 + l.unit_id % 400 END,
            dt.as_of::timestamp AT TIME ZONE 'Asia/Shanghai' + interval '17 hours'
       FROM leaves l CROSS JOIN dates dt`,
    [c.id, c.starts_on, zero_town ?? 0, dates],
  );
  // as a report does: tasks whose figure reached the target are met now, not overdue at their deadline
  const tasks: { id: number }[] = await m.query(`SELECT id FROM task WHERE campaign_id = $1`, [c.id]);
  await refreshAttainment(
    m,
    tasks.map((t) => t.id),
    new Date(),
  );
  const rollups = new RollupRepository(m.connection);
  const date = dates[dates.length - 1];
  const row = await storeBulletin(
    m,
    { build: (mm, cid, uid, d, cc) => buildDashboard(mm, rollups, cid, uid, d, cc) },
    { campaignId: c.id, unitId: c.org_unit_id, date, trigger: 'schedule', requestedBy: null },
    new Date(),
  );
  if (!row) return;
  const recipients = new Map<number, number[]>();
  for (const unitId of namedUnits(row.content)) {
    const users: { id: number }[] = await m.query(`SELECT id FROM app_user WHERE active AND org_unit_id = $1 AND 'unit_manager' = ANY(roles)`, [unitId]);
    recipients.set(
      unitId,
      users.map((u) => u.id),
    );
  }
  const notices = bulletinNotices(row.content, row.id, recipients).map((n) => ({
    ...n,
    linkEntity: n.link?.entity ?? null,
    linkId: n.link ? String(n.link.id) : null,
  }));
  if (notices.length) await new OutboxService().enqueue(m, 'notices.create', { notices: notices.map(({ link: _l, ...n }) => n) });
}
