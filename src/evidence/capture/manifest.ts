import type { Evidence, EvidencePart } from '../evidence.entity.js';
import type { PageCaptureResult } from './page-capture.js';

/** The manifest of a page capture: what was captured, when, and each part with its SHA-256. Its own hash is the evidence's. */
export function buildManifest(evidence: Evidence, result: PageCaptureResult, capturedAt: Date, parts: EvidencePart[]): Buffer {
  const manifest = {
    format: 'calumet-page-capture/1',
    evidenceId: evidence.id,
    incidentId: evidence.incidentId,
    requestedUrl: evidence.sourceUrl,
    finalUrl: result.finalUrl,
    httpStatus: result.httpStatus,
    capturedAt: capturedAt.toISOString(),
    capturedBy: evidence.capturedBy,
    hashAlgorithm: 'SHA-256',
    parts: parts.map(({ name, role, contentType, size, sha256 }) => ({ name, role, contentType, size, sha256 })),
  };
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
}
