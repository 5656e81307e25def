import { JobHandlers } from '#core';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { NoticesService } from '../services/notices.service';

/** The handler of the notices library's job: `notices.create` writes the queued notices into their digests (NoticesService.create). */
@Injectable()
export class NoticesJobs implements OnModuleInit {
  constructor(
    private readonly handlers: JobHandlers,
    private readonly notices: NoticesService,
  ) {}

  onModuleInit(): void {
    this.handlers.register('notices.create', ({ notices }) => this.notices.create(notices));
  }
}
