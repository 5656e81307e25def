import { RegistryReader } from '#registry';
import { assertInScope, AuthUser, Clock, DomainError, maskPhone, pageOf } from '#core';
import { ScopeService } from '#org';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ReminderCountQuery } from '../dto/outreach.dto';
import { ReminderCountsRepository } from '../repositories/reminder-counts.repository';

/** How many reminders people got this business year (sent or delivered). */
@Injectable()
export class ReminderCountsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly scope: ScopeService,
    private readonly messages: ReminderCountsRepository,
    private readonly registry: RegistryReader,
  ) {}

  /** People of a campaign (in the caller's scope, not enrolled) with fewer than `below` reminders sent this business year (all: every one), each with their count. */
  async belowCount(user: AuthUser, q: ReminderCountQuery) {
    const scope = await this.scope.listScope(user, q.orgUnitId);
    const year = q.year ?? Number(this.clock.today().slice(0, 4));
    const below = { campaignId: q.campaignId, scope, from: `${year}-01-01`, to: `${year + 1}-01-01`, below: q.all ? null : q.below };
    const db = this.dataSource.manager;
    const rows = await this.messages.peopleBelow(db, below, q, q.offset, q.pageSize);
    const n = await this.messages.countPeopleBelow(db, below);
    const items = rows.map((r) => ({
      personId: Number(r.id),
      name: r.name,
      phone: r.phone ? maskPhone(r.phone) : null,
      status: r.status,
      orgUnitId: r.org_unit_id,
      remindersThisYear: r.n,
    }));
    return { ...pageOf(items, n, q), year, below: below.below };
  }

  /** How many reminders one person got this business year (sent or delivered). */
  async personCount(user: AuthUser, personId: number, year?: number) {
    const path = await this.registry.personUnitPath(this.dataSource.manager, personId);
    if (path === undefined) throw DomainError.notFound('person', personId);
    assertInScope(user, path);
    const y = year ?? Number(this.clock.today().slice(0, 4));
    const n = await this.messages.countSentTo(this.dataSource.manager, personId, `${y}-01-01`, `${y + 1}-01-01`);
    return { personId, year: y, remindersThisYear: n };
  }
}
