import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiPage } from '../common/openapi.js';
import { SearchHit, SearchQuery } from './search.dto.js';
import { SearchService } from './search.service.js';

@ApiTags('search')
@ApiBearerAuth()
@Controller('api/search')
export class SearchController {
  constructor(private readonly searchService: SearchService) {}

  @Get()
  @ApiOperation({ summary: 'Find incidents, comments, parties and legal notices by their words, best first, with a highlighted snippet' })
  @ApiPage(SearchHit)
  search(@Query() query: SearchQuery) {
    return this.searchService.search(query);
  }
}
