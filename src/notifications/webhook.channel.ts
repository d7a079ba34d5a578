import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import type { ExternalChannel, Message } from './message.js';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature.js';

const TIMEOUT_MS = 15_000;

/** A signed JSON POST to WEBHOOK_URL; off when it is unset. Anything but a 2xx answer is a failure. */
@Injectable()
export class WebhookChannel implements ExternalChannel {
  readonly name = 'webhook';

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return Boolean(this.config.webhookUrl);
  }

  async send(message: Message, key: string): Promise<void> {
    const body = JSON.stringify(message.payload);
    const response = await fetch(this.config.webhookUrl!, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        [SIGNATURE_HEADER]: signWebhook(body, this.config.webhookSecret!),
        'X-Calumet-Idempotency-Key': key,
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`webhook answered ${response.status}`);
  }
}
