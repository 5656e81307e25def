/** Host, port and database name of a postgres:// URL, for messages and for creating the database. */
export function describeDatabaseUrl(url: string): { host: string; port: number; database: string; adminUrl: string } {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres';
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return { host: u.hostname, port: Number(u.port || 5432), database, adminUrl: admin.toString() };
}

/** The same URL pointing at another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = '/' + database;
  return u.toString();
}
