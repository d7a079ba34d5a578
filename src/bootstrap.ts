import multipart from '@fastify/multipart';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { HttpErrorsFilter } from './common/http-errors.filter.js';
import { PinoLogger } from './common/logger.js';
import { helmetHeaders, setHeaders } from './common/security-headers.js';
import { SecurityLog } from './common/security-log.js';
import { createValidationPipe } from './common/validation.js';
import { ISO_INPUT_FIELDS, ISO_INPUT_NOTE, setInputTimeZone } from './common/dto-helpers.js';
import type { AppConfig } from './config/app-config.js';
import { fastifyTrustProxy } from './config/trust-proxy.js';
import { mountQueueDashboard } from './queue/queue-dashboard.js';
import { registerWebDesk } from './web/web-plugins.js';
import { UsersService } from './users/users.service.js';

export type CalumetApp = { http?: NestFastifyApplication; context: INestApplicationContext };

/**
 * Builds the process for its roles: an HTTP application when `api` is among
 * them (the worker, if also asked for, runs inside it), a bare application
 * context for a worker alone.
 */
export async function createApp(config: AppConfig, logger: PinoLogger = PinoLogger.create(config.logLevel)): Promise<CalumetApp> {
  setInputTimeZone(config.timeZone);
  const module = AppModule.forRoot(config);
  if (!config.hasRole('api')) {
    const context = await NestFactory.createApplicationContext(module, { logger });
    context.enableShutdownHooks();
    return { context };
  }

  // X-Forwarded-* are believed only from the proxies TRUST_PROXY names (nobody by default), so a client cannot pick its own address.
  const adapter = new FastifyAdapter({ bodyLimit: config.maxBodyBytes, trustProxy: fastifyTrustProxy(config.trustProxy) });
  const http = await NestFactory.create<NestFastifyApplication>(module, adapter, { logger });
  const fastify = http.getHttpAdapter().getInstance();
  http.get(SecurityLog, { strict: false }).use(logger.pino);

  fastify.addHook('onResponse', (request, reply, done) => {
    // A desk upload's CSRF token is in its address (see web-plugins): not for the log.
    if (logger.pino.isLevelEnabled('info')) logger.pino.info({ method: request.method, url: request.url.replace(/([?&]_csrf=)[^&]*/, '$1…'), status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    done();
  });

  const securityHeaders = helmetHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'", "'unsafe-inline'"],
      },
    },
  });
  fastify.addHook('onRequest', (_request, reply, done) => {
    setHeaders(reply.raw, securityHeaders);
    done();
  });
  await http.register(multipart, { limits: { fileSize: config.maxUploadBytes } });
  await registerWebDesk(http);
  await mountQueueDashboard(http, http.get(UsersService));
  http.useGlobalFilters(new HttpErrorsFilter());
  http.useGlobalPipes(createValidationPipe());
  http.enableShutdownHooks();

  // The OpenAPI document is made on the first request for it (/docs, /docs-json), not at every start: it walks every
  // route and every DTO's metadata, a fifth of a start's time, for a page few processes ever serve.
  let document: OpenAPIObject | undefined;
  const apiDocument = (): OpenAPIObject =>
    (document ??= noteIsoInputs(
      SwaggerModule.createDocument(
        http,
        new DocumentBuilder()
          .setTitle('Calumet')
          .setDescription('Incident desk for community management: incidents, threads, legal notices, deadlines and reminders.')
          .setVersion('0.1.0')
          .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API token (POST /api/users answers one)' })
          .build(),
      ),
    ));
  SwaggerModule.setup('docs', http, apiDocument, { jsonDocumentUrl: 'docs-json' });

  await http.init();
  return { http, context: http };
}

/** Every date-time a request takes says how a value without an offset is read. */
function noteIsoInputs(document: OpenAPIObject): OpenAPIObject {
  for (const [schema, fields] of ISO_INPUT_FIELDS) {
    const properties = (document.components?.schemas?.[schema] as { properties?: Record<string, { description?: string }> } | undefined)?.properties;
    for (const field of fields) {
      const property = properties?.[field];
      if (property) property.description = property.description ? `${property.description}. ${ISO_INPUT_NOTE}` : ISO_INPUT_NOTE;
    }
  }
  return document;
}
