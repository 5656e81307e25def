import { ApiPagedResponse, AuthUser, CurrentUser, DomainError, PageQuery, Role, Roles } from '#core';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PreviewBodyDto, PreviewTemplateDto, SaveTemplateDto, TemplateUnitQuery } from '../dto/outreach.dto';
import { NoticeTemplateDto, TemplateKindPreviewDto, TemplatePreviewDto } from '../dto/template.response';
import { TemplatesService } from '../services/templates.service';

@ApiTags('notice-templates')
@ApiBearerAuth()
@Controller('notice-templates')
@Roles(Role.Office)
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @ApiOperation({ summary: "Message templates of your unit and below, and the ancestors' ones you inherit (editable: false)" })
  @ApiPagedResponse(NoticeTemplateDto)
  list(@CurrentUser() user: AuthUser, @Query() q: PageQuery) {
    return this.templates.list(user, q);
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Preview an unsaved template body (an unknown variable is a 400)' })
  @ApiOkResponse({ type: TemplatePreviewDto })
  previewBody(@Body() dto: PreviewBodyDto) {
    return this.templates.preview(dto.body, dto.values);
  }

  @Get(':kind')
  @ApiOperation({ summary: "The template of a kind that applies at a unit (default yours): its own, else the nearest ancestor's" })
  @ApiOkResponse({ type: NoticeTemplateDto })
  get(@CurrentUser() user: AuthUser, @Param('kind') kind: string, @Query() q: TemplateUnitQuery) {
    return this.templates.get(user, kind, q.orgUnitId);
  }

  @Put(':kind')
  @ApiOperation({
    summary:
      "Create or replace a unit's template of a kind (default your unit; a unit outside your subtree is a 403); it overrides its ancestors' in its subtree. Refused (400, field body) if it uses an unknown variable",
  })
  @ApiOkResponse({ type: NoticeTemplateDto })
  save(@CurrentUser() user: AuthUser, @Param('kind') kind: string, @Body() dto: SaveTemplateDto, @Query() q: TemplateUnitQuery) {
    if (!/^[a-z][a-z0-9_.]{2,59}$/.test(kind))
      throw DomainError.validation('kind', '模板类型只能包含小写字母、数字、_ 和 .，以字母开头，3 到 60 个字符（kind may hold a-z, 0-9, _ and . (3 to 60)）');
    return this.templates.save(user, kind, dto, q.orgUnitId);
  }

  @Post(':kind/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'The message the template that applies at a unit (default yours) makes with these values (samples for the rest)' })
  @ApiOkResponse({ type: TemplateKindPreviewDto })
  preview(@CurrentUser() user: AuthUser, @Param('kind') kind: string, @Body() dto: PreviewTemplateDto, @Query() q: TemplateUnitQuery) {
    return this.templates.previewKind(user, kind, dto.values, q.orgUnitId);
  }
}
