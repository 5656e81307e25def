import { PublicChannel } from './channels/gateway-answer';

/** Messages per deliver job, people per expansion transaction. */
export const SEND_BATCH = 100;
export const EXPAND_CHUNK = 5000;
/**
 * A message whose claim was taken or last renewed longer ago than this belongs to a worker that died:
 * the reconciler queues it again. A live worker posts a message within half this time of its claim,
 * or renews the claim first (DeliveryService.sendOne), and its HTTP call times out after 10 s: only a
 * dead or frozen worker leaves a claim this old.
 */
export const STALE_SENDING_MS = 2 * 60 * 1000;

export const ROUND_TARGETS = ['lapsed', 'will_enrol', 'not_visited'] as const;
export type RoundTarget = (typeof ROUND_TARGETS)[number];
export const MESSAGE_STATES = ['queued', 'sending', 'sent', 'delivered', 'failed', 'skipped'] as const;
export type MessageState = (typeof MESSAGE_STATES)[number];

export interface RoundInput {
  campaignId: number;
  name: string;
  orgUnitId: number;
  target: RoundTarget;
  channel: PublicChannel;
  templateKind?: string;
  plannedFor: string;
  amount?: number;
  deadline?: string;
  officePhone?: string;
}

/** A reminder_round row, dates as YYYY-MM-DD strings. */
export interface RoundRow {
  id: number;
  campaign_id: number;
  name: string;
  org_unit_id: number;
  org_unit_path: string;
  target: RoundTarget;
  channel: PublicChannel;
  template_kind: string;
  planned_for: string;
  amount: string | null;
  deadline: string | null;
  office_phone: string | null;
  status: 'planned' | 'running' | 'finished';
  starts: number;
  expand_cursor: string;
  expanded_at: Date | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  /** The reminder plan that made the round on its date, or null for a round planned by hand. */
  plan_id: number | null;
}

export type RoundTotals = Record<MessageState, number> & { total: number };

export function roundView(r: RoundRow, totals?: RoundTotals) {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    name: r.name,
    orgUnitId: r.org_unit_id,
    target: r.target,
    channel: r.channel,
    templateKind: r.template_kind,
    plannedFor: r.planned_for,
    amount: r.amount === null ? null : Number(r.amount),
    deadline: r.deadline,
    officePhone: r.office_phone,
    status: r.status,
    starts: r.starts,
    expanded: r.expanded_at !== null,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    planId: r.plan_id,
    ...(totals ? { totals } : {}),
  };
}
export type RoundView = ReturnType<typeof roundView>;

/** A message claimed for sending (queued → sending), with what its text needs. */
export interface ClaimedRow {
  id: string;
  round_id: number;
  campaign_id: number;
  /** The claim's fencing token: every claim increments attempts, so a requeued and re-claimed message has a new one. */
  attempts: number;
  resends: number;
  /** The message's random token (uuid), part of every ref we give the gateway for it. */
  ref_token: string;
  channel: PublicChannel;
  person_id: string;
  name: string;
  phone: string | null;
  template_kind: string;
  amount: string | null;
  deadline: string | null;
  office_phone: string | null;
}
