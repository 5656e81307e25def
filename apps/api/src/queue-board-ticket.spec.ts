import { cookieValue, queueBoardTicket, readQueueBoardTicket } from './queue-board-ticket';

const SECRET = 'a-signing-secret-of-enough-length';
const SID = '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const T0 = Date.UTC(2026, 2, 2, 2, 0, 0); // 1772416800 s

describe('queue board ticket', () => {
  it('names the user and session until ten minutes after it was made', () => {
    const t = queueBoardTicket(SECRET, 7, SID, T0);
    expect(t.value.startsWith(`7.${SID}.1772417400.`)).toBe(true);
    expect(t.expiresAt.toISOString()).toBe('2026-03-02T02:10:00.000Z');
    expect(readQueueBoardTicket(SECRET, t.value, T0 + 599_999)).toEqual({ userId: 7, sessionId: SID });
    expect(readQueueBoardTicket(SECRET, t.value, T0 + 600_000)).toBeNull();
  });
  it('refuses one altered, signed with another secret, or malformed', () => {
    const t = queueBoardTicket(SECRET, 7, SID, T0).value;
    expect(readQueueBoardTicket(SECRET, t.replace(/^7\./, '8.'), T0)).toBeNull();
    expect(readQueueBoardTicket(SECRET, t.replace('1772417400', '1772499999'), T0)).toBeNull();
    expect(readQueueBoardTicket('another-secret-of-enough-length', t, T0)).toBeNull();
    expect(readQueueBoardTicket(SECRET, undefined, T0)).toBeNull();
    expect(readQueueBoardTicket(SECRET, 'x.y.z', T0)).toBeNull();
  });
  it('finds its cookie among others', () => {
    expect(cookieValue('a=1; yb_queue_board=7.x.9.sig%3D; b=2', 'yb_queue_board')).toBe('7.x.9.sig=');
    expect(cookieValue(undefined, 'yb_queue_board')).toBeUndefined();
  });
});
