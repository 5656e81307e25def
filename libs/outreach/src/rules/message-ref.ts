/**
 * The ref we give the gateway for one (message, resend): om-<id>, -r<n> for the n-th resend, then the
 * message's random token as 32 hex digits. The token makes refs unguessable: a delivery report counts
 * only when id and token match, so counting ids gets a forger nowhere.
 */
export interface MessageRef {
  id: number;
  resends: number;
  /** ref_token as 32 lowercase hex digits, no dashes. */
  token: string;
}

const REF = /^om-([1-9]\d{0,17})(?:-r([1-9]\d{0,8}))?-([0-9a-f]{32})$/;

/** The ref for message `id` after `resends` resends; `refToken` is the uuid column as PostgreSQL returns it. */
export function messageRef(id: number | string, resends: number, refToken: string): string {
  const token = refToken.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(token)) throw new Error(`ref token of message ${id} is not a uuid`);
  return resends > 0 ? `om-${id}-r${resends}-${token}` : `om-${id}-${token}`;
}

/** The parts of a ref, or null when it is not one of ours (wrong shape, no token). */
export function parseMessageRef(ref: string): MessageRef | null {
  const m = REF.exec(ref.toLowerCase());
  if (!m) return null;
  return { id: Number(m[1]), resends: Number(m[2] ?? 0), token: m[3] };
}
