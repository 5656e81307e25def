import { createHmac } from 'node:crypto';

export const ROBOT_PROVIDERS = ['dingtalk', 'wecom'] as const;
export type RobotProvider = (typeof ROBOT_PROVIDERS)[number];

/** The staff notice kinds a unit's group robot relays by default: approvals waiting, overdue, escalations, bulletins, inspection assignments. */
export const ROBOT_KINDS = [
  'allocation.submitted',
  'task.overdue',
  'duty.overdue',
  'land.overdue',
  'inspection.rectification_overdue',
  'task.escalation',
  'task.escalation.unread',
  'escalation.submission',
  'bulletin',
  'inspection.list_dispatched',
  'inspection.case_assigned',
] as const;

/** The kinds a user who chose SMS for escalations also gets by SMS. */
export const SMS_ESCALATION_KINDS = ['task.escalation', 'task.escalation.unread', 'escalation.submission'] as const;

/** DingTalk's signature: base64 of HMAC-SHA256 keyed with the secret over "<timestamp ms>\n<secret>". */
export function dingtalkSign(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

/** The URL DingTalk is called at: the robot's webhook URL with `timestamp` and `sign` (URL-encoded) added. */
export function dingtalkSignedUrl(url: string, secret: string, timestampMs: number): string {
  const u = new URL(url);
  u.searchParams.set('timestamp', String(timestampMs));
  u.searchParams.set('sign', dingtalkSign(secret, timestampMs));
  return u.toString();
}

/** What both robots take for a plain text message. */
export function robotBody(text: string): { msgtype: 'text'; text: { content: string } } {
  return { msgtype: 'text', text: { content: text } };
}

/** A notice as a group reads it. */
export function robotText(subject: string, body: string): string {
  return body && body !== subject ? `【应保尽保】${subject}\n${body}` : `【应保尽保】${subject}`;
}

const hide = (v: string) => (v.length <= 4 ? '****' : `****${v.slice(-4)}`);

/** A robot URL as shown: every query value (access_token, key) hidden but its last 4 characters. */
export function maskRobotUrl(url: string): string {
  try {
    const u = new URL(url);
    const shown = [...u.searchParams.entries()].map(([k, v]) => `${encodeURIComponent(k)}=${hide(v)}`).join('&');
    return `${u.origin}${u.pathname}${shown ? `?${shown}` : ''}`;
  } catch {
    return '****';
  }
}

/** A secret as shown: its first 3 and last 4 characters (DingTalk secrets begin SEC). */
export function maskSecret(secret: string | null): string | null {
  if (!secret) return null;
  return secret.length <= 8 ? '****' : `${secret.slice(0, 3)}****${secret.slice(-4)}`;
}

export type RobotAnswer = { ok: true } | { ok: false; retry: boolean; reason: string };

/** Both robots answer 200 with { errcode, errmsg }: 0 is sent; HTTP 429/5xx and DingTalk's/WeCom's rate limits are retried; the rest are refusals. */
export function classifyRobotAnswer(status: number, body: { errcode?: number; errmsg?: string }): RobotAnswer {
  if (status === 429 || status >= 500) return { ok: false, retry: true, reason: `机器人接口暂不可用（HTTP ${status}）` };
  if (status < 200 || status >= 300) return { ok: false, retry: false, reason: `机器人接口拒绝（HTTP ${status}${body.errmsg ? `: ${body.errmsg}` : ''}）` };
  if (!body.errcode) return { ok: true };
  // 130101: DingTalk's 20 messages a minute; 45009: WeCom's frequency limit
  const retry = body.errcode === 130101 || body.errcode === 45009;
  return { ok: false, retry, reason: `机器人返回错误 ${body.errcode}${body.errmsg ? `: ${body.errmsg}` : ''}` };
}
