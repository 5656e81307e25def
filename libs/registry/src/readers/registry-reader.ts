import { Queryable } from '#core';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EntryRepository } from '../repositories/entry.repository';
import { VisitRepository } from '../repositories/visit.repository';

type Db = Queryable | EntityManager;

export interface EmployerVisitRecord {
  employerId: number;
  visitedAt: Date;
  method: string;
  outcome: string;
  note: string | null;
  visitor: string | null;
}

/**
 * What other libraries read of the registry's tables a few rows at a time: every method takes the caller's
 * EntityManager (or DataSource); the queries are the repositories'. Set-based joins read the views
 * registry_person_v, registry_employer_v and registry_visit_v instead (libs/platform/src/table-owners.ts).
 */
@Injectable()
export class RegistryReader {
  constructor(
    private readonly entries: EntryRepository,
    private readonly visits: VisitRepository,
  ) {}

  /** The employers' visits with the visitor's name, newest first. */
  employerVisits(db: Db, employerIds: number[]): Promise<EmployerVisitRecord[]> {
    return this.visits.employerVisits(db, employerIds);
  }

  /** A registry person's unit path, or undefined when there is no such person. */
  personUnitPath(db: Db, personId: number): Promise<string | undefined> {
    return this.entries.personPath(db, personId);
  }
}
