import { addDays, businessInstant, Role } from '#core';
import { NoticeInput, NoticesService } from '#notices';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { readCampaignSettings } from '../settings/read-settings';
import { IndicatorKind } from '../entities/indicator.entity';
import { checkLines } from '../rules/allocation-rules';

interface ChangedTask {
  id: number;
  holder_unit_id: number;
  holder_name: string;
  target: string;
  deadline: string;
  kind: IndicatorKind;
  indicator_name: string;
  settings: unknown;
  allocation_id: number | null;
  allocation_version: number | null;
  out_of_step: string | null;
}

/**
 * What a change of a task's target or deadline means for the split of that task further down:
 * - child tasks whose allocation line has no deadline of its own follow the new deadline (and so on down);
 * - the approved split is checked again with the allocation rules; if it no longer fits (lines no longer add
 *   up to the new target, a ratio no longer copied, a child deadline after the new one) it is marked out of
 *   step with the reason, and the holder's managers are told to submit a new version. Approving a new
 *   version ends it (that version was checked against the new figures).
 * Runs in the caller's transaction.
 */
@Injectable()
export class SplitFollowUp {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly notices: NoticesService,
  ) {}

  async afterChange(m: EntityManager, taskIds: number[], now: Date): Promise<void> {
    if (!taskIds.length) return;
    const tasks: ChangedTask[] = await m.query(
      `SELECT t.id, t.holder_unit_id, u.name AS holder_name, t.target::text AS target, to_char(t.deadline, 'YYYY-MM-DD') AS deadline,
              i.kind, i.name AS indicator_name, c.settings, a.id AS allocation_id, a.version AS allocation_version, a.out_of_step
         FROM task t JOIN org_unit u ON u.id = t.holder_unit_id JOIN indicator i ON i.id = t.indicator_id JOIN campaign c ON c.id = t.campaign_id
         LEFT JOIN allocation a ON a.parent_task_id = t.id AND a.status = 'approved'
        WHERE t.id = ANY($1::int[]) AND t.withdrawn_at IS NULL ORDER BY t.id`,
      [taskIds],
    );
    const followed: number[] = [];
    const notices: NoticeInput[] = [];
    for (const t of tasks.filter((x) => x.allocation_id !== null)) {
      followed.push(...(await this.inheritDeadline(m, t, now)));
      const lines: { childUnitId: number; target: string; deadline: string | undefined; holderUserId: number | null }[] = await m.query(
        `SELECT child_unit_id AS "childUnitId", target::text AS target, to_char(deadline, 'YYYY-MM-DD') AS deadline, holder_user_id AS "holderUserId"
           FROM allocation_line WHERE allocation_id = $1 ORDER BY id`,
        [t.allocation_id],
      );
      const parent = {
        kind: t.kind,
        target: t.target,
        deadline: t.deadline,
        allowOverAllocation: readCampaignSettings(t.settings).deadlines.allowOverAllocation,
      };
      // checkLines stops at line errors before the sum: check the sum separately so the reason names both
      const withDeadlines = checkLines(
        parent,
        lines.map((l) => ({ ...l, deadline: l.deadline ?? undefined })),
      );
      const sumOnly = checkLines(
        parent,
        lines.map((l) => ({ ...l, deadline: undefined })),
      );
      const messages = [withDeadlines, sumOnly].flatMap((r) => (r.ok ? [] : r.errors.map((e) => `${e.field}: ${e.message}`)));
      const reason = messages.length ? [...new Set(messages)].join('; ') : null;
      if (reason === t.out_of_step) continue;
      await m.query(`UPDATE allocation SET out_of_step = $2, updated_at = $3 WHERE id = $1`, [t.allocation_id, reason, now]);
      if (!reason) continue;
      for (const u of await this.notices.recipients(m, [t.holder_unit_id], [Role.UnitManager]))
        notices.push({
          recipientUserId: u,
          kind: 'allocation.out-of-step',
          subject: `请重新分解：${t.indicator_name}`,
          body: `${t.holder_name}的“${t.indicator_name}”任务已调整为目标 ${t.target}、完成时限 ${t.deadline}，现行分解表（第${t.allocation_version}版）不再符合：${reason}。请提交新版本分解表。`,
          link: { entity: 'allocation', id: t.allocation_id! },
          dedupeKey: `allocation-${t.allocation_id}-out-of-step-${t.target}-${t.deadline}-u${u}`,
        });
    }
    await this.notices.notify(m, notices);
    if (followed.length) await this.afterChange(m, followed, now);
  }

  /** Child tasks of lines without their own deadline take the parent's new one; answers the ids that moved. */
  private async inheritDeadline(m: EntityManager, t: ChangedTask, now: Date): Promise<number[]> {
    // An overdue child whose deadline moved to the future is open again, as when a version moves it.
    const reopenAfter = businessInstant(addDays(t.deadline, 1)).getTime() > now.getTime();
    const moved: { id: number }[] = await m
      .query(
        `UPDATE task c SET deadline = $2, deadline_version = c.deadline_version + 1,
                status = CASE WHEN c.status = 'overdue' AND $3 THEN 'open' ELSE c.status END,
                overdue_at = CASE WHEN c.status = 'overdue' AND $3 THEN NULL ELSE c.overdue_at END, updated_at = $4
           FROM allocation_line l
          WHERE l.id = c.allocation_line_id AND l.allocation_id = $1 AND l.deadline IS NULL AND c.deadline <> $2 AND c.withdrawn_at IS NULL
          RETURNING c.id`,
        [t.allocation_id, t.deadline, reopenAfter, now],
      )
      .then((r: unknown) => (Array.isArray(r) && Array.isArray(r[0]) ? (r[0] as { id: number }[]) : (r as { id: number }[])));
    const ids = moved.map((x) => x.id);
    await this.deadlines.schedule(m, ids);
    return ids;
  }
}
