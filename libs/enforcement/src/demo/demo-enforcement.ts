import { addDays, businessDate } from '#core';
import { EntityManager } from 'typeorm';
import { campaignCutoffs, candidatesAsOf, loadCampaignEscalation } from '../services/campaign-escalation';

/**
 * Demo: two employers per district refuse three times before the campaign's first cutoff; that cutoff's
 * district submissions are frozen, compiled into a key-inspection list and dispatched to labour inspection
 * (DEP-INSPECT) and audit (DEP-AUDIT); the cases are assigned to the demo inspectors, one with a
 * rectification order. Later cutoffs are left to the worker's reconciler (it catches up on start).
 */
export async function seedDemoEnforcement(m: EntityManager): Promise<void> {
  const [c] = await m.query(`SELECT id FROM campaign WHERE status = 'active' ORDER BY id LIMIT 1`);
  if (!c) return;
  const campaign = await loadCampaignEscalation(m, c.id);
  const [cutoff] = campaignCutoffs(campaign);
  const depts: { id: number; code: string; path: string }[] = await m.query(
    `SELECT id, code, path FROM org_unit WHERE code IN ('DEP-INSPECT','DEP-AUDIT') ORDER BY code DESC`,
  );
  if (!cutoff || depts.length < 2) return;
  const districts: { id: number; path: string }[] = await m.query(
    `SELECT id, path FROM org_unit WHERE level = 'district' AND (path LIKE $1 || '%' OR $1 LIKE path || '%') ORDER BY path`,
    [campaign.orgUnitPath],
  );

  // Refusals: the two largest not-enrolled employers of each district, three refusals each before the cutoff.
  const refusing: { id: string; cadre_id: number | null }[] = await m.query(
    `SELECT id, cadre_id FROM (
       SELECT e.id, e.cadre_id, row_number() OVER (PARTITION BY d.id ORDER BY e.uninsured_count DESC, e.id) AS k
         FROM registry_employer e JOIN org_unit d ON d.level = 'district' AND e.org_unit_path LIKE d.path || '%'
        WHERE e.campaign_id = $1 AND e.status <> 'enrolled'
          AND NOT EXISTS (SELECT 1 FROM registry_visit v WHERE v.employer_id = e.id AND v.outcome = 'enrolled')) x
     WHERE k <= 2`,
    [campaign.id],
  );
  const before = addDays(cutoff.date, -2);
  for (const e of refusing) {
    for (const [i, days] of [20, 12, 0].entries()) {
      await m.query(
        `INSERT INTO registry_visit (campaign_id, employer_id, org_unit_path, visitor_id, visited_at, method, outcome, note)
         SELECT campaign_id, id, org_unit_path, cadre_id, ($2::date - $3::int + time '10:00') AT TIME ZONE 'Asia/Shanghai', 'door_to_door', 'refused', $4
           FROM registry_employer WHERE id = $1`,
        [e.id, before, days, `第${i + 1}次上门动员，负责人拒绝为职工参保`],
      );
    }
    await m.query(
      `UPDATE registry_employer e SET status = 'refused', last_outcome = 'refused',
              visit_count = (SELECT count(*) FROM registry_visit v WHERE v.employer_id = e.id),
              refusal_count = (SELECT count(*) FROM registry_visit v WHERE v.employer_id = e.id AND v.outcome = 'refused'),
              onsite_visit_count = (SELECT count(*) FROM registry_visit v WHERE v.employer_id = e.id AND v.method = 'door_to_door'),
              last_visit_at = (SELECT max(visited_at) FROM registry_visit v WHERE v.employer_id = e.id)
        WHERE id = $1`,
      [e.id],
    );
  }

  // The first cutoff's submissions, frozen as of the cutoff.
  for (const d of districts) {
    const [run] = await m.query(
      `INSERT INTO cutoff_run (campaign_id, district_id, district_path, cutoff_date, cutoff_at, trigger, ran_at, runner, entry_count)
       VALUES ($1, $2, $3, $4, $5, 'schedule', $5, 'demo', 0) ON CONFLICT DO NOTHING RETURNING id`,
      [campaign.id, d.id, d.path, cutoff.date, cutoff.at],
    );
    if (!run) continue;
    const { rows } = await candidatesAsOf(m, campaign.id, d.path, cutoff.at, campaign.settings.refusalThreshold);
    for (const r of rows) {
      await m.query(
        `INSERT INTO cutoff_submission_entry (cutoff_run_id, employer_id, town_id, refusal_count, uninsured_count, last_visit_at, cadre_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [run.id, r.employerId, r.townId, r.refusalCount, r.uninsuredCount, r.lastVisitAt, r.cadreId],
      );
    }
    await m.query(`UPDATE cutoff_run SET entry_count = $2 WHERE id = $1`, [run.id, rows.length]);
  }

  // Compiled the next morning, dispatched the day after, assigned the day after that.
  const compiledAt = new Date(cutoff.at.getTime() + 16 * 3600_000);
  const dispatchedAt = new Date(cutoff.at.getTime() + 40 * 3600_000);
  const assignedAt = new Date(cutoff.at.getTime() + 64 * 3600_000);
  const [office] = await m.query(`SELECT id FROM app_user WHERE 'office' = ANY(roles) ORDER BY id LIMIT 1`);
  const [list] = await m.query(
    `INSERT INTO inspection_list (campaign_id, cutoff_date, cutoff_at, status, compiled_at, compiled_by, dispatched_at, dispatched_by)
     VALUES ($1, $2, $3, 'dispatched', $4, $5, $6, $5) RETURNING id`,
    [campaign.id, cutoff.date, cutoff.at, compiledAt, office?.id ?? null, dispatchedAt],
  );
  await m.query(
    `INSERT INTO inspection_list_entry (list_id, employer_id, cutoff_run_id, district_id, town_id, uninsured_count, refusal_count, last_visit_at, cadre_id)
     SELECT DISTINCT ON (s.employer_id) $1, s.employer_id, r.id, r.district_id, s.town_id, s.uninsured_count, s.refusal_count, s.last_visit_at, s.cadre_id
       FROM cutoff_submission_entry s JOIN cutoff_run r ON r.id = s.cutoff_run_id
      WHERE r.campaign_id = $2 AND r.cutoff_at = $3 ORDER BY s.employer_id, r.id`,
    [list.id, campaign.id, cutoff.at],
  );
  const dueDate = addDays(businessDate(dispatchedAt), campaign.settings.caseDueDays);
  for (const dep of depts) {
    await m.query(`INSERT INTO inspection_list_department (list_id, department_id) VALUES ($1, $2)`, [list.id, dep.id]);
    const [inspector] = await m.query(`SELECT id FROM app_user WHERE org_unit_id = $1 AND 'inspector' = ANY(roles) ORDER BY id LIMIT 1`, [dep.id]);
    const [manager] = await m.query(`SELECT id FROM app_user WHERE org_unit_id = $1 AND 'unit_manager' = ANY(roles) ORDER BY id LIMIT 1`, [dep.id]);
    const cases: { id: string }[] = await m.query(
      `INSERT INTO inspection_case (campaign_id, list_id, list_entry_id, employer_id, department_id, department_path, status, opened_at, due_date, assignee_id, assigned_at)
       SELECT $2, le.list_id, le.id, le.employer_id, $3, $4, 'open', $5, $6, $7, CASE WHEN $7::int IS NULL THEN NULL ELSE $8::timestamptz END
         FROM inspection_list_entry le WHERE le.list_id = $1 ORDER BY le.id
       ON CONFLICT DO NOTHING RETURNING id`,
      [list.id, campaign.id, dep.id, dep.path, dispatchedAt, dueDate, inspector?.id ?? null, assignedAt],
    );
    for (const cs of cases) {
      await m.query(`INSERT INTO inspection_case_event (case_id, kind, at, actor_id) VALUES ($1, 'opened', $2, $3)`, [cs.id, dispatchedAt, office?.id ?? null]);
      if (inspector) {
        await m.query(`INSERT INTO inspection_case_event (case_id, kind, at, actor_id, assignee_id) VALUES ($1, 'assigned', $2, $3, $4)`, [
          cs.id,
          assignedAt,
          manager?.id ?? null,
          inspector.id,
        ]);
      }
    }
    // Labour inspection has visited its first case and ordered rectification (限期改正).
    if (dep.code === 'DEP-INSPECT' && cases.length && inspector) {
      const visitedAt = new Date(assignedAt.getTime() + 24 * 3600_000);
      const deadline = addDays(businessDate(visitedAt), campaign.settings.rectificationDays);
      await m.query(`UPDATE inspection_case SET rectification_deadline = $2, due_date = $2 WHERE id = $1`, [cases[0].id, deadline]);
      await m.query(
        `INSERT INTO inspection_case_event (case_id, kind, at, actor_id, findings, deadline) VALUES
           ($1, 'visited', $2, $3, '现场检查：职工花名册与参保名单不符，负责人拒绝为未参保职工办理参保', NULL),
           ($1, 'rectification_ordered', $2, $3, '下达限期改正指令书', $4)`,
        [cases[0].id, visitedAt, inspector.id, deadline],
      );
    }
  }
}
