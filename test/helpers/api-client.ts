import request from 'supertest';

/** The password makeUser gives every test user. */
export const TEST_PASSWORD = 'Passw0rd!';

type Http = () => ReturnType<typeof request>;

/** The Authorization header of an access token. */
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Requests sent with one caller's bearer token; each method is supertest's, so `.send`, `.expect`, `.set` follow. */
export interface Requests {
  get(path: string): request.Test;
  post(path: string): request.Test;
  put(path: string): request.Test;
  patch(path: string): request.Test;
  delete(path: string): request.Test;
}

/** Requests as the holder of `token`. */
export function requestsAs(http: Http, token: string): Requests {
  const auth = bearer(token);
  return {
    get: (path) => http().get(path).set(auth),
    post: (path) => http().post(path).set(auth),
    put: (path) => http().put(path).set(auth),
    patch: (path) => http().patch(path).set(auth),
    delete: (path) => http().delete(path).set(auth),
  };
}

/** POST /api/auth/login as it answers (for tests of the login itself). */
export function loginResponse(http: Http, username: string, password = TEST_PASSWORD): request.Test {
  return http().post('/api/auth/login').send({ username, password });
}

/** Logs a user in and returns the access token; anything but 200 throws with the answer. */
export async function login(http: Http, username: string, password = TEST_PASSWORD): Promise<string> {
  const res = await loginResponse(http, username, password);
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken as string;
}

/** The users a suite logged in: `as(username)` sends requests as one of them, `token(username)` is their access token. */
export class Logins {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly http: Http) {}

  /** Logs these users in (again, if they were), with the test password unless told otherwise. */
  async login(usernames: string[], password = TEST_PASSWORD): Promise<this> {
    for (const u of usernames) this.tokens.set(u, await login(this.http, u, password));
    return this;
  }

  /** Keeps a token got elsewhere (a fixture's login) under a username. */
  keep(username: string, token: string): this {
    this.tokens.set(username, token);
    return this;
  }

  token(username: string): string {
    const t = this.tokens.get(username);
    if (!t) throw new Error(`${username} is not logged in`);
    return t;
  }

  as(username: string): Requests {
    return requestsAs(this.http, this.token(username));
  }
}

/** Logs the users in on the test app and returns them. */
export function loginAs(api: { http: Http }, usernames: string[], password = TEST_PASSWORD): Promise<Logins> {
  return new Logins(api.http).login(usernames, password);
}
