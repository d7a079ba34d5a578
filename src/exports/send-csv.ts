import type { FastifyReply } from 'fastify';
import { attachment } from '../common/attachment.js';
import type { CsvFile } from './exports.service.js';

/** Answers a CSV file as a download (the API's and the desk's alike): its type, its name, never cached. */
export function sendCsv(reply: FastifyReply, file: CsvFile): string {
  void reply.type('text/csv; charset=utf-8').header('Content-Disposition', attachment(file.fileName)).header('Cache-Control', 'private, no-store');
  return file.text;
}
