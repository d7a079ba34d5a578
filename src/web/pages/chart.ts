import { html, type Html } from '../html.js';
import type { Translator } from '../../i18n/i18n.js';

export interface ChartMove {
  at: string;
  to: string;
  level: number | null;
}
export interface ChartMark {
  at: string;
  kind: 'notice' | 'commitment';
  label: string;
}

const WIDTH = 720;
const HEIGHT = 220;
const LEFT = 118;
const RIGHT = 16;
const TOP = 14;
const BOTTOM = 40;
const LEVELS = [0, 1, 2, 3, 4];
const LEVEL_STATE = ['reported', 'monitoring', 'heated', 'legal_threat', 'formal_dispute'];

/**
 * The escalation level over time as an inline SVG: one step per move (a
 * resolved or closed incident drops to the axis), notices and commitments
 * as marks on the time axis. Presentation attributes only (no style), so it
 * prints and obeys the CSP.
 */
export function escalationChart(t: Translator, title: string, moves: ChartMove[], marks: ChartMark[], now: Date = new Date()): Html {
  const times = [...moves.map((move) => Date.parse(move.at)), ...marks.map((mark) => Date.parse(mark.at))];
  const start = Math.min(...times, now.getTime());
  const end = Math.max(...times, now.getTime(), start + 60_000);
  const x = (at: number) => LEFT + ((at - start) / (end - start)) * (WIDTH - LEFT - RIGHT);
  const y = (level: number) => TOP + (1 - level / 4) * (HEIGHT - TOP - BOTTOM);
  const round = (value: number) => Math.round(value * 10) / 10;

  let path = '';
  moves.forEach((move, index) => {
    const px = round(x(Date.parse(move.at)));
    const py = round(y(move.level ?? 0));
    path += index === 0 ? `M${px} ${py}` : `H${px} V${py}`;
  });
  if (moves.length) path += `H${round(x(end))}`;

  const axisY = HEIGHT - BOTTOM;
  const ticks = [start, (start + end) / 2, end];
  return html`<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">
  <title id="chart-title">${title}</title>
  <desc id="chart-desc">${moves.map((move) => `${t.dateTime(move.at)}: ${t.word('state', move.to)}`).join('; ')}</desc>
  ${LEVELS.map((level) => html`<line class="grid-line" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${round(y(level))}" y2="${round(y(level))}"/><text x="${LEFT - 6}" y="${round(y(level)) + 4}" text-anchor="end">${t.word('state', LEVEL_STATE[level]!)}</text>`)}
  <line class="axis" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${axisY}" y2="${axisY}"/>
  ${ticks.map((tick, i) => html`<text x="${round(x(tick))}" y="${axisY + 16}" text-anchor="${i === 0 ? 'start' : i === 2 ? 'end' : 'middle'}">${t.date(new Date(tick))} ${t.time(new Date(tick))}</text>`)}
  ${marks.map(
    (mark) => html`<line class="${mark.kind}-mark" data-mark="${mark.kind}" x1="${round(x(Date.parse(mark.at)))}" x2="${round(x(Date.parse(mark.at)))}" y1="${TOP}" y2="${axisY + 4}"><title>${mark.label}</title></line>`,
  )}
  <path class="step" d="${path}"/>
  ${moves.map((move) => html`<circle class="dot" data-step="${move.to}" cx="${round(x(Date.parse(move.at)))}" cy="${round(y(move.level ?? 0))}" r="4"><title>${t.dateTime(move.at)}: ${t.word('state', move.to)}</title></circle>`)}
  <line class="notice-mark" x1="${LEFT}" x2="${LEFT + 20}" y1="${HEIGHT - 10}" y2="${HEIGHT - 10}"/>
  <text x="${LEFT + 26}" y="${HEIGHT - 6}">${t.t('incident.chartNotice')}</text>
  <line class="commitment-mark" x1="${LEFT + 150}" x2="${LEFT + 170}" y1="${HEIGHT - 10}" y2="${HEIGHT - 10}"/>
  <text x="${LEFT + 176}" y="${HEIGHT - 6}">${t.t('incident.chartCommitment')}</text>
</svg>`;
}
