import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config.js';
import type { ExternalChannel, Message } from './message.js';

/** Mail through SMTP_URL; off when it is unset. */
@Injectable()
export class EmailChannel implements ExternalChannel, OnApplicationShutdown {
  readonly name = 'email';
  private transport?: Transporter;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return Boolean(this.config.smtpUrl);
  }

  async send(message: Message, key: string): Promise<void> {
    this.transport ??= nodemailer.createTransport({ url: this.config.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    await this.transport.sendMail({
      from: this.config.mailFrom,
      to: message.recipient.email,
      subject: message.subject,
      text: message.text,
      // The same key makes the same Message-ID, so a mail store can tell a copy from a new message.
      messageId: `<${key.replace(/:/g, '.')}@calumet>`,
      headers: { 'X-Calumet-Idempotency-Key': key },
    });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
