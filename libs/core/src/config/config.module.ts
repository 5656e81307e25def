import { Global, Module } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { AppConfig, loadConfig } from './config';

/** @nestjs/config validates the environment at boot; the rest of the code injects the typed AppConfig. */
@Global()
@Module({
  imports: [NestConfigModule.forRoot({ ignoreEnvFile: true, validate: (env) => loadConfig(env) })],
  providers: [{ provide: AppConfig, useFactory: () => loadConfig() }],
  exports: [AppConfig],
})
export class ConfigModule {}
