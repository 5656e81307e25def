import { Injectable } from '@nestjs/common';

export type StaffSmsResult = { ok: true } | { ok: false; retry: boolean; reason: string };
export type StaffSmsSender = (ref: string, phone: string, text: string) => Promise<StaffSmsResult>;

/**
 * The SMS channel staff notices use. The gateway belongs to #outreach, which registers its sender here at start-up
 * (OutreachModule imports this library, not the other way round); without one, an SMS dispatch fails with a reason.
 */
@Injectable()
export class StaffSms {
  private sender?: StaffSmsSender;

  use(sender: StaffSmsSender): void {
    this.sender = sender;
  }

  async send(ref: string, phone: string, text: string): Promise<StaffSmsResult> {
    if (!this.sender) return { ok: false, retry: false, reason: '短信通道未配置（no SMS sender registered）' };
    return this.sender(ref, phone, text);
  }
}

/** Calls a group robot: POSTs the JSON body and answers the HTTP status and the parsed answer (a network error: status 0). */
export async function postRobot(url: string, body: object): Promise<{ status: number; answer: { errcode?: number; errmsg?: string } }> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(10000),
    });
    const text = await res.text();
    let answer: { errcode?: number; errmsg?: string } = {};
    try {
      answer = text ? JSON.parse(text) : {};
    } catch {
      answer = { errmsg: text.slice(0, 200) };
    }
    return { status: res.status, answer };
  } catch (e) {
    return { status: 0, answer: { errmsg: (e as Error).message } };
  }
}
