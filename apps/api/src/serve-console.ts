import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Paths the API answers itself (and /metrics); everything else that is a GET belongs to the console. */
export function isApiPath(p: string): boolean {
  return p === '/api' || p.startsWith('/api/') || p === '/health' || p.startsWith('/health/') || p === '/metrics';
}

/** The built console (vite build → <repo>/dist/web), found from this file whether it runs as TypeScript or from dist. */
export function consoleDir(from = __dirname): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'dist', 'web');
}

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>应保尽保</title></head>
<body style="font-family:sans-serif;margin:3em"><h1>应保尽保管理后台尚未构建</h1>
<p>请在项目目录运行 <code>npm run build:web</code> 后刷新本页（或用 <code>npm start</code>，它会一并构建）。</p>
<p>接口文档：<a href="/api/docs">/api/docs</a></p></body></html>`;

/**
 * Serves the console at / on the API's origin: hashed files under /assets/ cached for a year (immutable),
 * every other GET outside /api and /health answered with index.html (the console's router takes the URL).
 * Not built yet: a short page saying how to build it.
 */
export function serveConsole(app: INestApplication, dir = consoleDir()): void {
  const index = path.join(dir, 'index.html');
  (app as NestExpressApplication).useStaticAssets(path.join(dir, 'assets'), {
    prefix: '/assets',
    immutable: true,
    maxAge: '365d',
    index: false,
    fallthrough: false,
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    if (!existsSync(index)) {
      res.status(200).type('html').setHeader('Cache-Control', 'no-store');
      res.send(NOT_BUILT);
      return;
    }
    // favicon and other files at the top of the build; anything else is a screen of the console
    const file = path.join(dir, path.normalize(req.path));
    const top = path.dirname(file) === dir && path.extname(file) !== '' && existsSync(file);
    res.sendFile(top ? file : index, { headers: { 'Cache-Control': top ? 'public, max-age=3600' : 'no-cache' }, dotfiles: 'deny' });
  });
}
