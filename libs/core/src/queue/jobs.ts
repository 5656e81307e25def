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
  /** Runs every escalation cutoff that is due and not yet done, and enforces rectification deadlines (idempotent). */
  'enforcement.reconcile': Record<string, never>;
  /** Reminds or marks overdue one case's rectification deadline when its time has come (idempotent). */
  'enforcement.rectification-check': { caseId: number };
  /** Enqueues every bulletin and settlement that is due and not yet stored (the schedule's tick; idempotent). */
  'progress.reconcile': Record<string, never>;
  /** Generates one bulletin (通报) for a campaign, unit and date, once: UNIQUE (campaign_id, unit_id, bulletin_date). */
  'progress.bulletin': { campaignId: number; unitId: number; date: string; trigger: 'schedule' | 'manual'; requestedBy: number | null };
  /** Settles rewards and penalties of one task's subtree for a period, once: UNIQUE (task_id, period). */
  'progress.settle': { taskId: number; period: string; asOf: string };
  /**
   * Credits enrolments made outside a unit's reports to its progress (issue 6: an inspection case closed as
   * rectified with N employees enrolled), once per (source, sourceRef, indicator): UNIQUE in progress_credit.
   * orgUnitId: the unit the enrolments belong to (the employer's unit); indicatorId: omit to credit every
   * indicator the campaign links to inspection enrolments (progress settings inspectionIndicatorIds);
   * amount: people enrolled; on: business date (YYYY-MM-DD) from which the credit counts.
   */
  'progress.credit': {
    campaignId: number;
    orgUnitId: number;
    indicatorId?: number | null;
    amount: number;
    source: 'inspection';
    sourceRef: string;
    on: string;
  };
  /** Files in-app notices as items of the recipients' daily digests, once per dedupeKey; written by NoticesService.notify. */
  'notices.create': {
    notices: { recipientUserId: number; kind: string; subject: string; body: string; linkEntity: string | null; linkId: string | null; dedupeKey: string }[];
  };
  /** Turns a started reminder round into one outreach_message per targeted person (chunked, resumable). */
  'notices.round.expand': { roundId: number };
  /** Sends queued outreach messages (SMS/webhook); a message is claimed in PostgreSQL before it is sent. */
  'notices.deliver': { messageIds: number[] };
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
  'notices.create': QueueName.Notices,
  'notices.round.expand': QueueName.Notices,
  'notices.deliver': QueueName.Notices,
  'enforcement.reconcile': QueueName.Escalation,
  'enforcement.rectification-check': QueueName.Deadlines,
};

type IdPart = string | number;

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
  deadlinesSweep: (at: Date) => `deadlines-sweep-${Math.floor(at.getTime() / 30_000)}`,
  /** The enforcement schedule's tick: one job per minute. */
  enforcementReconcile: (at: Date) => `enforcement-reconcile-${Math.floor(at.getTime() / 60_000)}`,
  /** A case's rectification check at its reminder or overdue instant, per deadline. */
  rectificationCheck: (caseId: IdPart, deadline: string, step: 'reminder' | 'overdue') => `rectification-${caseId}-${deadline}-${step}`,
  /** The progress credit of a case closed as rectified, once per case. */
  inspectionCredit: (caseId: IdPart) => `credit-inspection-case-${caseId}`,
  /** The progress schedule's tick: one job per ten minutes. */
  progressReconcile: (at: Date) => `progress-reconcile-${Math.floor(at.getTime() / 600_000)}`,
  /** One bulletin of a campaign, unit and date (YYYY-MM-DD). */
  bulletin: (campaignId: IdPart, unitId: IdPart, date: string) => `bulletin-${campaignId}-${unitId}-${date}`,
  /** One task's settlement at its deadline (YYYY-MM-DD). */
  settle: (taskId: IdPart, deadline: string) => `settle-${taskId}-${deadline}`,
  /** The first run of an uploaded registry file. */
  registryImport: (importJobId: IdPart) => `registry-import-${importJobId}-0`,
  /** A rerun of a registry import after attempts, at an instant, the reruns-th time (0: none before). */
  registryImportRerun: (importJobId: IdPart, attempts: number, at: Date, reruns: number) =>
    `registry-import-${importJobId}-${attempts}-r${at.getTime()}${reruns ? `-a${reruns}` : ''}`,
  /** One start of a reminder round (a restarted round expands again). */
  roundExpand: (roundId: IdPart, starts: number) => `round-expand-${roundId}-${starts}`,
  /** One delivery chunk of outreach messages: its first id, its size and the pass that queued it. */
  deliver: (firstMessageId: IdPart, count: number, tag: string) => `deliver-${firstMessageId}-${count}-${tag}`,
} as const;
