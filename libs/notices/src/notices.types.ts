/** One notice to one platform user. dedupeKey names the reason: the same key never yields a second notice. */
export interface NoticeInput {
  recipientUserId: number;
  kind: string;
  subject: string;
  body: string;
  link?: { entity: string; id: string | number };
  dedupeKey: string;
}

export interface NoticeView {
  id: number;
  kind: string;
  subject: string;
  body: string;
  link: { entity: string; id: string } | null;
  channel: string;
  state: string;
  createdAt: Date;
  readAt: Date | null;
}
