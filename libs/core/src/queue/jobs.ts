/**
 * Every queue and job of the platform, named once. Queue names are stored in Redis: never rename one.
 * Payloads carry ids, not records.
 */
export enum QueueName {
  System = 'system',
  Notices = 'notices',
  Deadlines = 'deadlines',
  Imports = 'imports',
  Bulletins = 'bulletins',
  Escalation = 'escalation',
}

export interface JobPayloads {
  /** Runs the deadline reconciler: every due, not yet done task reminder / overdue transition (campaigns). */
  'deadlines.reconcile': { reason: string };
  /** The deadlines schedule's tick and start-up catch-up: judges the figures writers skipped, then runs every due deadline event (idempotent). */
  'deadlines.sweep': Record<string, never>;
  /** Proves the api → outbox → Redis → worker → PostgreSQL path. */
  'system.probe': { probeId: number };
  /** Loads one uploaded registry file (registry_import_job row) into people or employers, in one transaction. */
  'registry.import': { importJobId: string };
  /** Re-runs, or fails, the registry imports whose job died (the registry schedule's tick; idempotent). */
  'registry.import-reconcile': Record<string, never>;
  /** Deletes the uploads of ended imports past their retention (the registry schedule's tick; idempotent). */
  'registry.upload-sweep': Record<string, never>;
  /** Deletes idempotency keys older than a day (core's idempotency schedule; idempotent). */
  'system.idempotency-sweep': Record<string, never>;
  /** Runs every escalation cutoff that is due and not yet done, and enforces rectification deadlines (idempotent). */
  'enforcement.reconcile': Record<string, never>;
  /** Reminds or marks overdue one case's rectification deadline when its time has come (idempotent). */
  'enforcement.rectification-check': { caseId: number };
  /** Enqueues every bulletin and settlement that is due and not yet stored (the schedule's tick; idempotent). */
  'progress.reconcile': Record<string, never>;
  /**
   * Issues one bulletin (通报) of a series (campaign, issuing unit, cadence) for the period ending `periodEnd`, with the
   * figures as of `date`, once: UNIQUE (campaign_id, unit_id, cadence, period_end).
   */
  'progress.bulletin': {
    campaignId: number;
    unitId: number;
    cadence: 'biweekly' | 'monthly' | 'quarterly' | 'yearly';
    periodEnd: string;
    date: string;
    trigger: 'schedule' | 'manual';
    requestedBy: number | null;
  };
  /** Settles rewards and penalties of one task's subtree for a period, once: UNIQUE (task_id, period). */
  'progress.settle': { taskId: number; period: string; asOf: string };
  /**
   * Credits enrolments made outside a unit's reports to its progress (issue 6: an inspection case closed as
   * rectified with N employees enrolled), once per (source, sourceRef, indicator): UNIQUE in progress_credit.
   * orgUnitId: the unit the enrolments belong to (the employer's unit); indicatorId: omit to credit every
   * indicator the campaign links to inspection enrolments (progress settings inspectionIndicatorIds; for source
   * 'roster', an entry the insured roster closed as enrolled: rosterIndicatorIds);
   * amount: people enrolled; on: business date (YYYY-MM-DD) from which the credit counts.
   */
  'progress.credit': {
    campaignId: number;
    orgUnitId: number;
    indicatorId?: number | null;
    amount: number;
    source: 'inspection' | 'roster';
    sourceRef: string;
    on: string;
  };
  /** Files in-app notices as items of the recipients' daily digests, once per dedupeKey; written by NoticesService.notify. */
  'notices.create': {
    notices: { recipientUserId: number; kind: string; subject: string; body: string; linkEntity: string | null; linkId: string | null; dedupeKey: string }[];
  };
  /** Relays new staff notice items to group robots (DingTalk, WeCom) and by SMS: notice_dispatch rows, each sent once. */
  'notices.dispatch': { dispatchIds: number[] };
  /** Escalates once more the escalations left unread past NOTICE_REESCALATE_HOURS (the notices schedule's tick; once per item). */
  'notices.reescalate': Record<string, never>;
  /** Turns a started reminder round into one outreach_message per targeted person (chunked, resumable). */
  'notices.round.expand': { roundId: number };
  /** Sends queued outreach messages (SMS/webhook); a message is claimed in PostgreSQL before it is sent. */
  'notices.deliver': { messageIds: number[] };
  /**
   * Releases outreach messages held for quiet hours once they end, requeues those whose worker died mid-send,
   * closes rounds with nothing left to send (the outreach schedule's tick; SKIP LOCKED, safe on every worker).
   */
  'outreach.reconcile': Record<string, never>;
  /** Gives a deliver job to the queued messages of running rounds that no deliver job will send (the outreach schedule's tick). */
  'outreach.resume': Record<string, never>;
  /** Makes and starts the rounds of reminder plans due today, once per (plan, date, target) (the outreach schedule's tick and start-up catch-up). */
  'outreach.plans': Record<string, never>;
}

export type JobName = keyof JobPayloads;
export type JobPayload<N extends JobName> = JobPayloads[N];

/** Which queue carries each job. */
export const JOB_QUEUE: { [N in JobName]: QueueName } = {
  'deadlines.reconcile': QueueName.Deadlines,
  'deadlines.sweep': QueueName.Deadlines,
  'system.probe': QueueName.System,
  'progress.reconcile': QueueName.Bulletins,
  'progress.bulletin': QueueName.Bulletins,
  'progress.settle': QueueName.Bulletins,
  'progress.credit': QueueName.Bulletins,
  'registry.import': QueueName.Imports,
  'registry.import-reconcile': QueueName.System,
  'registry.upload-sweep': QueueName.System,
  'system.idempotency-sweep': QueueName.System,
  'notices.create': QueueName.Notices,
  'notices.round.expand': QueueName.Notices,
  'notices.dispatch': QueueName.Notices,
  'notices.reescalate': QueueName.System,
  'notices.deliver': QueueName.Notices,
  // not the notices queue: behind a large round's thousands of deliver jobs a release of quiet-hours messages would wait for hours
  'outreach.reconcile': QueueName.System,
  'outreach.resume': QueueName.System,
  'outreach.plans': QueueName.System,
  'enforcement.reconcile': QueueName.Escalation,
  'enforcement.rectification-check': QueueName.Deadlines,
};

type IdPart = string | number;

/**
 * The period of each schedule's tick, which is also the bucket of its job id: however many workers tick, one
 * job per period. Each is as long as its work allows, so that no job is enqueued more often than needed.
 */
export const SCHEDULE_PERIOD_MS = {
  /** Task deadlines are days; reminders and overdue marks a half-minute late are on time. */
  deadlinesSweep: 30_000,
  /** Escalation cutoffs are at 17:00 on their day: a minute late is on time. */
  enforcementReconcile: 60_000,
  /** Bulletins and settlements are daily at the finest. */
  progressReconcile: 600_000,
  /** An import whose job died is re-run within half a minute. */
  importReconcile: 30_000,
  /** Kept uploads are kept for hours: swept every ten minutes. */
  uploadSweep: 600_000,
  /**
   * Quiet hours end at 08:00: held messages go out within 5 s, a round is seen finished within 5 s of its last
   * send, and a stale claim is 2 minutes old anyway. Before, every worker ran this pass (three UPDATEs) every second.
   */
  outreachReconcile: 5_000,
  /**
   * The resume pass reads every deliver job not done: once per 10 s across all workers (before: every 30 s in
   * each worker), so that a worker started just after another's pass still resumes a stalled round within 10 s.
   */
  outreachResume: 10_000,
  /** Unread escalations are escalated after hours: a minute late is on time. */
  noticesReescalate: 60_000,
  /** Planned reminder rounds start on their date: a minute late is on time. */
  outreachPlans: 60_000,
  /** Keys live a day: an hour's more does not matter. */
  idempotencySweep: 3_600_000,
} as const;

/** The bucket of instant `at` for a period. */
const bucket = (at: Date, periodMs: number) => Math.floor(at.getTime() / periodMs);

/**
 * The BullMQ job ids of the platform, built in one place. An id makes a job run once: the outbox relays
 * every row with the same id as one job, so each builder names exactly what must not run twice. Ids are
 * stored in Redis and the outbox: never change what a builder answers. Schedules take the instant of
 * their tick and answer the id of its bucket (one job per bucket however many workers tick).
 */
export const JOB_IDS = {
  /** One probe row, one job. */
  probe: (probeId: IdPart) => `probe-${probeId}`,
  /** One deadline event of a task at its due instant (a moved deadline is a new job). */
  deadline: (taskId: IdPart, eventKey: string, dueAt: Date) => `deadline-${taskId}-${eventKey}-${dueAt.getTime()}`,
  /** The deadlines schedule's tick and start-up catch-up: one job per 30 seconds. */
  deadlinesSweep: (at: Date) => `deadlines-sweep-${bucket(at, SCHEDULE_PERIOD_MS.deadlinesSweep)}`,
  /** The enforcement schedule's tick: one job per minute. */
  enforcementReconcile: (at: Date) => `enforcement-reconcile-${bucket(at, SCHEDULE_PERIOD_MS.enforcementReconcile)}`,
  /** A case's rectification check at its reminder or overdue instant, per deadline. */
  rectificationCheck: (caseId: IdPart, deadline: string, step: 'reminder' | 'overdue') => `rectification-${caseId}-${deadline}-${step}`,
  /** The progress credit of a case closed as rectified, once per case. */
  inspectionCredit: (caseId: IdPart) => `credit-inspection-case-${caseId}`,
  /** The credit of a registry entry the insured roster closed as enrolled: once per entry. */
  rosterCredit: (kind: 'person' | 'employer', entryId: IdPart) => `credit-roster-${kind}-${entryId}`,
  /** The progress schedule's tick: one job per ten minutes. */
  progressReconcile: (at: Date) => `progress-reconcile-${bucket(at, SCHEDULE_PERIOD_MS.progressReconcile)}`,
  /** One bulletin of a series (campaign, issuing unit, cadence) and the end of its period (YYYY-MM-DD). */
  bulletin: (campaignId: IdPart, unitId: IdPart, cadence: string, periodEnd: string) => `bulletin-${campaignId}-${unitId}-${cadence}-${periodEnd}`,
  /** One task's settlement at its deadline (YYYY-MM-DD). */
  settle: (taskId: IdPart, deadline: string) => `settle-${taskId}-${deadline}`,
  /** Every job id of a registry import begins so (JobLookup finds an import's jobs by this prefix). */
  registryImportPrefix: (importJobId: IdPart) => `registry-import-${importJobId}-`,
  /** The first run of an uploaded registry file. */
  registryImport: (importJobId: IdPart) => `registry-import-${importJobId}-0`,
  /**
   * A rerun of a registry import after attempts, at an instant, the reruns-th time (0: none before): a fresh id
   * each time, since BullMQ may still hold the lost job as completed or failed and would drop a repeat.
   */
  registryImportRerun: (importJobId: IdPart, attempts: number, at: Date, reruns: number) =>
    `registry-import-${importJobId}-${attempts}-r${at.getTime()}${reruns ? `-a${reruns}` : ''}`,
  /** The registry schedule's import reconcile: one job per 30 s. */
  registryImportReconcile: (at: Date) => `registry-import-reconcile-${bucket(at, SCHEDULE_PERIOD_MS.importReconcile)}`,
  /** The registry schedule's upload sweep: one job per ten minutes. */
  registryUploadSweep: (at: Date) => `registry-upload-sweep-${bucket(at, SCHEDULE_PERIOD_MS.uploadSweep)}`,
  /** One start of a reminder round (a restarted round expands again). */
  roundExpand: (roundId: IdPart, starts: number) => `round-expand-${roundId}-${starts}`,
  /** One delivery chunk of outreach messages: its first id, its size and the pass that queued it. */
  deliver: (firstMessageId: IdPart, count: number, tag: string) => `deliver-${firstMessageId}-${count}-${tag}`,
  /** The pass tag (deliver's `tag`) of a round's resend of its failed messages at an instant (the injected Clock's). */
  resendPass: (at: Date) => `resend-${at.getTime()}`,
  /** The outreach schedule's reconcile: one job per 5 s. */
  outreachReconcile: (at: Date) => `outreach-reconcile-${bucket(at, SCHEDULE_PERIOD_MS.outreachReconcile)}`,
  /** The outreach schedule's resume: one job per 10 s. */
  outreachResume: (at: Date) => `outreach-resume-${bucket(at, SCHEDULE_PERIOD_MS.outreachResume)}`,
  /** The notices schedule's re-escalation pass: one job per minute. */
  noticesReescalate: (at: Date) => `notices-reescalate-${bucket(at, SCHEDULE_PERIOD_MS.noticesReescalate)}`,
  /** The outreach schedule's planned rounds: one job per minute. */
  outreachPlans: (at: Date) => `outreach-plans-${bucket(at, SCHEDULE_PERIOD_MS.outreachPlans)}`,
  /** Core's idempotency-key sweep: one job per hour. */
  idempotencySweep: (at: Date) => `idempotency-sweep-${bucket(at, SCHEDULE_PERIOD_MS.idempotencySweep)}`,
} as const;
