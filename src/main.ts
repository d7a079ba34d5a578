import 'reflect-metadata';
import { loadConfigOrExit } from './config/app-config.js';
import { PinoLogger } from './common/logger.js';
import { armShutdownDeadline } from './common/stopping.js';

async function main(): Promise<void> {
  // The configuration is read and checked before the app's modules load: a mistaken variable is named at once.
  const config = loadConfigOrExit();
  const { createApp } = await import('./bootstrap.js');
  const logger = PinoLogger.create(config.logLevel);
  const app = await createApp(config, logger);
  // A stop that outlasts SHUTDOWN_TIMEOUT (docker stop kills at 10 s) says what held it, then exits.
  armShutdownDeadline(config.shutdownTimeoutMs, (held) =>
    logger.error(`still stopping after ${config.shutdownTimeoutMs} ms, exiting: waiting for ${held.steps.join('; ') || 'no step of its own'}; open: ${JSON.stringify(held.resources)}`, undefined, 'Shutdown'),
  );
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
