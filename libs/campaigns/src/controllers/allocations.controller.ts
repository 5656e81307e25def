import { ApiFileResponse, ApiPagedResponse, AuthUser, CurrentUser, Page, ParseIdPipe, sendXlsx } from '#core';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AllocationListQuery, CreateAllocationDto, RejectAllocationDto, StepCommentDto, UpdateAllocationDto } from '../dto/allocation.dto';
import { AllocationListItemDto, AllocationViewDto } from '../dto/allocation.response';
import { AllocationDraftsService } from '../services/allocation-drafts.service';
import { AllocationExportService } from '../services/allocation-export.service';
import { AllocationReads } from '../services/allocation-reads.service';
import { AllocationReviewService } from '../services/allocation-review.service';
import { AllocationSubmissionService } from '../services/allocation-submission.service';

@ApiTags('allocations')
@ApiBearerAuth()
@Controller('allocations')
export class AllocationsController {
  constructor(
    private readonly drafts: AllocationDraftsService,
    private readonly submission: AllocationSubmissionService,
    private readonly review: AllocationReviewService,
    private readonly reads: AllocationReads,
    private readonly exports: AllocationExportService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Draft the split of a task over units of its holder’s subtree (a new version when one is approved)' })
  @ApiCreatedResponse({ type: AllocationViewDto, description: 'the new draft version' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateAllocationDto): Promise<AllocationViewDto> {
    return this.drafts.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: 'Allocations in your scope or of campaigns you are a member of' })
  @ApiPagedResponse(AllocationListItemDto, 'newest first')
  list(@CurrentUser() user: AuthUser, @Query() q: AllocationListQuery): Promise<Page<AllocationListItemDto>> {
    return this.reads.list(user, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An allocation version with its lines, approval history and all versions' })
  @ApiOkResponse({ type: AllocationViewDto })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number): Promise<AllocationViewDto> {
    return this.reads.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Replace the lines of a draft or rejected allocation' })
  @ApiOkResponse({ type: AllocationViewDto, description: 'the allocation, a draft again' })
  update(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateAllocationDto): Promise<AllocationViewDto> {
    return this.drafts.update(user, id, dto);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'draft/rejected → submitted (allocating unit managers or office)' })
  @ApiOkResponse({ type: AllocationViewDto })
  submit(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: StepCommentDto): Promise<AllocationViewDto> {
    return this.submission.submit(user, id, dto.comment);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'submitted → approved (leadership head/deputy or admin); creates or updates the tasks' })
  @ApiOkResponse({ type: AllocationViewDto, description: "the approved version; its lines' taskId name the tasks made or updated" })
  approve(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: StepCommentDto): Promise<AllocationViewDto> {
    return this.review.approve(user, id, dto.comment);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'submitted → rejected with a reason (leadership head/deputy or admin)' })
  @ApiOkResponse({ type: AllocationViewDto })
  reject(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Body() dto: RejectAllocationDto): Promise<AllocationViewDto> {
    return this.review.reject(user, id, dto.reason);
  }

  @Get(':id/export')
  @ApiFileResponse()
  @ApiOperation({ summary: 'This allocation version as an XLSX 任务分解表' })
  async export(@CurrentUser() user: AuthUser, @Param('id', ParseIdPipe) id: number, @Res({ passthrough: true }) res: Response) {
    return sendXlsx(res, await this.exports.allocation(user, id));
  }
}
