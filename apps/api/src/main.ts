import 'reflect-metadata';
import { checkRedis, ConfigError, exitAfterDeadlineOnSignal, loadConfig, QuietStartupLogger, ServiceUnavailableError } from '#core';
import { prepareDatabase } from '#platform';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

async function main(): Promise<void> {
  const config = loadConfig();
  await checkRedis(config);
  await prepareDatabase(config, (line) => console.log(line));
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  app.useLogger(new QuietStartupLogger(app.get(Logger))); // Nest's module and route dump at debug, not info
  configureApp(app); // (with Nest's shutdown hooks)
  exitAfterDeadlineOnSignal('Yingbao API');
  await app.listen(config.PORT, '0.0.0.0');
  console.log(`Yingbao API listening on http://127.0.0.1:${config.PORT}/api${config.openApiEnabled ? ' (docs: /api/docs)' : ''}`);
}

main().catch((e) => {
  if (e instanceof ConfigError || e instanceof ServiceUnavailableError) console.error(e.message);
  else console.error(e);
  process.exit(1);
});
