import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Public } from '../auth/auth.decorators.js';
import { DESK_CSS } from './assets/desk-css.js';
import { PARTY_EXPORT_CSS } from '../privacy/party-export-html.js';
import { DESK_JS } from './assets/desk-js.js';

const HTMX = readFileSync(createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js'), 'utf8');
const CACHE = 'public, max-age=3600';

/** The desk's static files, from this process: no CDN. */
@ApiExcludeController()
@Public()
@Controller('assets')
export class AssetsController {
  @Get('htmx.min.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', CACHE)
  htmx(): string {
    return HTMX;
  }

  @Get('desk.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', CACHE)
  script(): string {
    return DESK_JS;
  }

  @Get('desk.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', CACHE)
  stylesheet(): string {
    return DESK_CSS;
  }

  /** The printable export of what is held about a person, opened from the desk (whose pages allow no inline style). */
  @Get('party-export.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', CACHE)
  partyExportStylesheet(): string {
    return PARTY_EXPORT_CSS;
  }
}
