// Why a message was not delivered, as the reminder round's screen shows it: Chinese first, the gateway's or the
// system's English in brackets (STYLE.md). Every reason the delivery path stores comes from here.

/** A delivery report saying the message did not arrive, with the gateway's reason when it gave one. */
export const undelivered = (reason?: string) => (reason ? `未送达：${reason}` : '未送达（未说明原因）');

/** A gateway or webhook answer: 429, 5xx and no answer are retried (the message stays queued), other refusals are permanent; `what` is its code and message. */
export const rateLimited = (what: string) => `网关限流（rate limited by gateway: ${what}）`;
export const gatewayFailed = (what: string) => `网关故障（gateway failed: ${what}）`;
export const gatewayRefused = (what: string) => `网关拒收（${what}）`;
export const gatewayUnreachable = (error: string) => `无法连接网关（gateway unreachable: ${error}）`;
export const notConfigured = (setting: string) => `未配置发送地址 ${setting}（${setting} is not configured）`;

/** The last attempt of a retried send failed too. */
export const gaveUp = (reason: string) => `${reason}；已到最后一次尝试，不再重试（gave up after the last attempt）`;

export const NO_PHONE = '没有手机号码（no phone number）';
export const templateDeleted = (kind: string) => `通知模板已删除（template ${kind} was deleted）`;
export const templateBroken = (error: string) => `通知模板无法生成短信（${error}）`;
/** Skipped: the person enrolled between planning and sending (the SQL in OutreachMessageRepository.skipEnrolled). */
export const ENROLLED_SINCE_PLANNED = '计划后已参保，不再发送（enrolled since the round was planned）';
