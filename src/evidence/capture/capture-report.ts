import { escapeHtml } from '../../common/html-escape.js';
import type { PeerCertificate } from '../../fetcher/page-fetcher.js';

/** One request the page made (or the capture made for it), as recorded. */
export interface RecordedRequest {
  at: string;
  url: string;
  method: string;
  resourceType: string;
  status: number;
  /** The redirect's target, for a 3xx. */
  location: string | null;
  responseHeaders: Array<[string, string]>;
  size: number;
  sha256: string;
  dnsAnswers: string[];
  remoteAddress: string | null;
  remotePort: number | null;
  tlsProtocol: string | null;
  certificate: PeerCertificate | null;
}

/** A request of the page that was not let through, and why. */
export interface BlockedRequest {
  at: string;
  url: string;
  method: string;
  resourceType: string;
  reason: string;
}

/**
 * What the capture report states: the technical conditions of the capture,
 * in the order of NF Z67-147's checklist (machine, software, network, time,
 * steps), and what was recorded.
 */
export interface CaptureReport {
  evidenceId: string;
  incidentId: string;
  requestedBy: { id: string; name: string | null; email: string | null };
  requestedUrl: string;
  finalUrl: string;
  httpStatus: number;
  redirects: Array<{ from: string; status: number; to: string }>;
  time: { startedAt: string; finishedAt: string; timeZone: string; startedAtLocal: string; finishedAtLocal: string; source: string };
  software: { calumet: string; browser: string; browserExecutable: string; userAgent: string; node: string; playwright: string };
  system: { os: string; kernel: string; arch: string; hostname: string };
  browserSetup: {
    profile: string;
    cache: string;
    cookies: string;
    extensions: string;
    proxy: string;
    serviceWorkers: string;
    viewport: { width: number; height: number };
    page: { width: number; height: number };
    deviceScaleFactor: number;
    locale: string;
  };
  network: {
    policy: string;
    /** The addresses each host resolved to, as the capture's resolver answered. */
    dns: Record<string, string[]>;
    /** Every address a connection was made to. */
    contacted: string[];
    certificate: PeerCertificate | null;
  };
  requests: RecordedRequest[];
  blocked: BlockedRequest[];
  steps: Array<{ at: string; step: string }>;
  /** The limits the capture ran within, and what it used. */
  budget?: { maxBytes: number; maxMs: number; maxBrowserRssMb: number; bytesFetched: number; peakBrowserRssMb: number };
  /** Set when a limit cut the capture short: what was captured until then is kept. */
  cut?: CaptureCut | null;
}

export interface CaptureCut {
  reason: 'bytes' | 'time' | 'memory' | 'requests';
  detail: string;
  at: string;
}

const esc = (text: unknown) => escapeHtml(String(text ?? ''));

/** The report as a printable page, each heading in French and English. */
export function renderCaptureReportHtml(report: CaptureReport): string {
  const row = (fr: string, en: string, value: unknown) => `<tr><th>${esc(fr)}<br><small>${esc(en)}</small></th><td>${esc(value)}</td></tr>`;
  const cert = report.network.certificate;
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Procès-verbal de capture / Capture report — ${esc(report.finalUrl)}</title>
<style>body{font:12px/1.4 sans-serif;margin:2em}th{text-align:left;vertical-align:top;width:32%;padding:3px 8px 3px 0}td{padding:3px 0;word-break:break-all}table{border-collapse:collapse;width:100%}tr{border-bottom:1px solid #ddd}h2{margin-top:1.5em}small{color:#666;font-weight:normal}</style></head><body>
<h1>Rapport de capture de page web<br><small>Web page capture report</small></h1>
<p>Calumet n’est pas un commissaire de justice : ce rapport décrit les conditions techniques de la capture, pour qu’un conseil puisse en juger.<br><small>Calumet is not a bailiff: this report states the technical conditions of the capture, for counsel to judge.</small></p>
<h2>Objet / Subject</h2><table>
${row('Preuve', 'Evidence', report.evidenceId)}${row('Dossier', 'Incident', report.incidentId)}
${row('Demandée par', 'Requested by', `${report.requestedBy.name ?? ''} <${report.requestedBy.email ?? ''}> (${report.requestedBy.id})`)}
${row('URL demandée', 'URL asked', report.requestedUrl)}${row('URL finale', 'Final URL', report.finalUrl)}${row('Statut HTTP', 'HTTP status', report.httpStatus)}
${row('Redirections', 'Redirects', report.redirects.map((hop) => `${hop.from} → ${hop.status} → ${hop.to}`).join(' ; ') || '—')}</table>
<h2>Date et heure / Time</h2><table>
${row('Début (UTC)', 'Start (UTC)', report.time.startedAt)}${row('Fin (UTC)', 'End (UTC)', report.time.finishedAt)}
${row(`Début (${report.time.timeZone})`, `Start (${report.time.timeZone})`, report.time.startedAtLocal)}${row(`Fin (${report.time.timeZone})`, `End (${report.time.timeZone})`, report.time.finishedAtLocal)}
${row('Source de temps', 'Time source', report.time.source)}</table>
<h2>Matériel et logiciels / Machine and software</h2><table>
${row('Système', 'Operating system', `${report.system.os} (${report.system.kernel}, ${report.system.arch})`)}${row('Machine', 'Host', report.system.hostname)}
${row('Navigateur', 'Browser', `${report.software.browser} (${report.software.browserExecutable})`)}${row('User-Agent', 'User-Agent', report.software.userAgent)}
${row('Calumet', 'Calumet', report.software.calumet)}${row('Node.js / Playwright', 'Node.js / Playwright', `${report.software.node} / ${report.software.playwright}`)}</table>
<h2>Configuration du navigateur / Browser setup</h2><table>
${row('Profil', 'Profile', report.browserSetup.profile)}${row('Cache', 'Cache', report.browserSetup.cache)}${row('Cookies', 'Cookies', report.browserSetup.cookies)}
${row('Extensions', 'Add-ons', report.browserSetup.extensions)}${row('Proxy', 'Proxy', report.browserSetup.proxy)}${row('Service workers', 'Service workers', report.browserSetup.serviceWorkers)}
${row('Fenêtre', 'Viewport', `${report.browserSetup.viewport.width} × ${report.browserSetup.viewport.height}`)}${row('Page entière', 'Full page', `${report.browserSetup.page.width} × ${report.browserSetup.page.height}`)}</table>
<h2>Réseau / Network</h2><table>
${row('Règle', 'Policy', report.network.policy)}
${Object.entries(report.network.dns)
  .map(([host, answers]) => row(`DNS ${host}`, `DNS ${host}`, answers.join(', ')))
  .join('')}
${row('Adresses contactées', 'Addresses contacted', report.network.contacted.join(', '))}
${cert ? row('Certificat TLS', 'TLS certificate', `${cert.subject} — émis par / issued by ${cert.issuer} — ${cert.validFrom} → ${cert.validTo} — SHA-256 ${cert.sha256Fingerprint}`) : row('Certificat TLS', 'TLS certificate', 'http : aucun / none')}</table>
<h2>Requêtes / Requests (${report.requests.length})</h2><table>
${report.requests.map((r) => row(`${r.at} ${r.method} ${r.status}`, r.resourceType, `${r.url} — ${r.remoteAddress ?? ''} — ${r.size} o/bytes — SHA-256 ${r.sha256}`)).join('')}</table>
<h2>Requêtes bloquées / Blocked requests (${report.blocked.length})</h2><table>
${report.blocked.map((b) => row(`${b.at} ${b.method}`, b.resourceType, `${b.url} — ${b.reason}`)).join('') || row('—', '—', 'aucune / none')}</table>
<h2>Limites / Limits</h2><table>
${report.budget ? row('Budget', 'Budget', `${report.budget.bytesFetched} / ${report.budget.maxBytes} o/bytes — ${report.budget.maxMs} ms — navigateur/browser ${report.budget.peakBrowserRssMb} / ${report.budget.maxBrowserRssMb} MB`) : ''}
${row('Capture interrompue', 'Capture cut short', report.cut ? `${report.cut.at} — ${report.cut.reason} — ${report.cut.detail} ; ce qui précède est conservé / what came before is kept` : 'non / no')}</table>
<h2>Étapes / Steps</h2><table>
${report.steps.map((s) => row(s.at, '', s.step)).join('')}</table>
</body></html>`;
}
