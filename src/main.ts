import 'reflect-metadata';
import { loadConfigOrExit } from './config/app-config.js';
import { createApp } from './bootstrap.js';
import { PinoLogger } from './common/logger.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = PinoLogger.create(config.logLevel);
  const app = await createApp(config, logger);
  if (app.http) {
    await app.http.listen({ port: config.port, host: '0.0.0.0' });
    logger.log(`Calumet ${[...config.roles].join('+')} listening on port ${config.port}; API docs at /docs`, 'Bootstrap');
  } else {
    logger.log('Calumet worker started', 'Bootstrap');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Calumet failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
