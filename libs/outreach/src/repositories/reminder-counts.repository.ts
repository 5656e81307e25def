import { orderBySql, Queryable, queryOne, queryRows, Scope, scopeParam, scopeSql, SortParams } from '#core';
import { Injectable } from '@nestjs/common';
import type { ReminderCountSort } from '../dto/outreach.dto';
import { NEVER_REMINDED } from './outreach-message.repository';

/** People of campaign $1 in scope $2 (not NEVER_REMINDED) with fewer than $5 (null: any number of) reminders sent in [$3, $4) business dates. */
const BELOW_FROM = `FROM registry_person_v p
      LEFT JOIN LATERAL (SELECT count(*)::int AS n FROM outreach_message m
                          WHERE m.person_id = p.id AND m.state IN ('sent','delivered')
                            AND m.sent_at >= ($3::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
                            AND m.sent_at <  ($4::date)::timestamp AT TIME ZONE 'Asia/Shanghai') c ON true
     WHERE p.campaign_id = $1 AND ${scopeSql('p.org_unit_path', 2)} AND ${NEVER_REMINDED} AND ($5::int IS NULL OR c.n < $5)`;

/** The list's sort keys and the columns they order by. */
const BELOW_ORDER: Record<ReminderCountSort, string> = { remindersThisYear: 'c.n', name: 'p.name' };

export interface BelowQuery {
  campaignId: number;
  scope: Scope;
  from: string;
  to: string;
  /** null: everyone */
  below: number | null;
}
const belowParams = (q: BelowQuery) => [q.campaignId, scopeParam(q.scope), q.from, q.to, q.below];

export interface PersonBelowRow {
  id: string;
  name: string;
  phone: string | null;
  status: string;
  org_unit_id: number;
  n: number;
}

/** Reminders per person: outreach_message counted by person over a business year. */
@Injectable()
export class ReminderCountsRepository {
  /** How many reminders a person got (sent or delivered) in [from, to) business dates. */
  async countSentTo(db: Queryable, personId: number, from: string, to: string): Promise<number> {
    const row = await queryOne<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM outreach_message WHERE person_id = $1 AND state IN ('sent','delivered')
          AND sent_at >= ($2::date)::timestamp AT TIME ZONE 'Asia/Shanghai' AND sent_at < ($3::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`,
      [personId, from, to],
    );
    return row!.n;
  }

  /**
   * One page of a campaign's people in the scope (NEVER_REMINDED left out) with fewer than
   * `below` reminders sent or delivered in [from, to) business dates, in the asked order (fewest first by default); each with that count n.
   */
  async peopleBelow(db: Queryable, q: BelowQuery, sort: SortParams<ReminderCountSort>, offset: number, limit: number): Promise<PersonBelowRow[]> {
    const order = orderBySql(sort, BELOW_ORDER, 'c.n, p.id');
    return queryRows(db, `SELECT p.id, p.name, p.phone, p.status, p.org_unit_id, c.n ${BELOW_FROM} ${order} OFFSET $6 LIMIT $7`, [
      ...belowParams(q),
      offset,
      limit,
    ]);
  }

  /** How many people peopleBelow() pages through. */
  async countPeopleBelow(db: Queryable, q: BelowQuery): Promise<number> {
    const row = await queryOne<{ n: number }>(db, `SELECT count(*)::int AS n ${BELOW_FROM}`, belowParams(q));
    return row!.n;
  }
}
