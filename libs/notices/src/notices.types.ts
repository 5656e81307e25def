/**
 * One notice to one platform user. dedupeKey names the reason: the same key is never listed twice. It is
 * filed as an item of the recipient's digest of this kind for the day (one notice that lists them all).
 */
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
  /** When the last item came: a digest that gets a new item is updated and unread again. */
  updatedAt: Date;
  readAt: Date | null;
  itemCount: number;
  /** What the notice lists, oldest first: one item per reason. */
  items: NoticeItemView[];
}

export interface NoticeItemView {
  subject: string;
  body: string;
  link: { entity: string; id: string } | null;
  createdAt: Date;
}
