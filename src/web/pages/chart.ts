import { ESCALATION_LEVEL, INCIDENT_STATES, type IncidentState } from '../../incidents/escalation.js';
import type { Translator } from '../../i18n/i18n.js';
import { html, type Html } from '../../common/html.js';
import { BREAK_WIDTH, timeAxis } from './time-axis.js';

export interface ChartMove {
  at: string;
  to: string;
  level: number | null;
}

/** A legal notice on the time axis, marked by its number and named by its own type in the legend. */
export interface ChartNotice {
  at: string;
  ref: string;
  type: string;
  direction: string;
}

export interface ChartCommitment {
  at: string;
  label: string;
}

const WIDTH = 720;
const PLOT_HEIGHT = 220;
const LEFT = 132;
/**
 * The chart's width and its level axis's, in the SVG's units, and the width it is never drawn under (desk-css.ts,
 * `.chart-scroll svg`: a narrower box scrolls it): the stylesheet draws the level axis's copy at that scale.
 */
export const CHART_SCALE = { width: WIDTH, axis: LEFT, minWidth: 560 } as const;
const RIGHT = 16;
const TOP = 22;
const BOTTOM = 40;
const LEGEND_LINE = 18;
/** The row of the states that end an incident (resolved, closed), under the levels. */
const ENDED = -1;
/** Two date labels closer than this overlap: the later one is left out. */
const LABEL_ROOM = 150;

const levelOf = (state: string): number => ESCALATION_LEVEL[state as IncidentState] ?? ENDED;

/**
 * The states named on the level axis: every level's own state, with the
 * other states of that level a move reached (de-escalating beside heated),
 * and a row for resolved and closed when a move reached one.
 */
export function axisStates(moves: Pick<ChartMove, 'to'>[]): Map<number, string[]> {
  const reached = new Set(moves.map((move) => move.to));
  const rows = new Map<number, string[]>();
  for (const state of INCIDENT_STATES) {
    const level = levelOf(state);
    const own = level !== ENDED && INCIDENT_STATES.find((candidate) => levelOf(candidate) === level) === state;
    if (own || reached.has(state)) rows.set(level, [...(rows.get(level) ?? []), state]);
  }
  return rows;
}

/**
 * The escalation level over time as an inline SVG: one step per move, on
 * a time axis scaled to what happened (long quiet gaps drawn as breaks),
 * every state a move reached named on the level axis, each notice marked by
 * its number and named with its own type in the legend, commitments marked
 * where they were promised. Presentation attributes only (no style), so it
 * prints and obeys the CSP.
 */
export function escalationChart(t: Translator, title: string, moves: ChartMove[], notices: ChartNotice[] = [], commitments: ChartCommitment[] = [], now: Date = new Date()): Html {
  const { rows, levels, legendLines, height, axisY, y } = layoutOf(moves, notices, commitments);
  const times = [...moves, ...notices, ...commitments].map((item) => Date.parse(item.at));
  const axis = timeAxis([...times, Math.max(now.getTime(), ...times)], LEFT, WIDTH - RIGHT);
  const end = Math.max(now.getTime(), ...times);
  const x = (at: string | number) => round(axis.x(typeof at === 'number' ? at : Date.parse(at)));

  let path = '';
  moves.forEach((move, index) => {
    const py = round(y(move.level ?? ENDED));
    path += index === 0 ? `M${x(move.at)} ${py}` : `H${x(move.at)} V${py}`;
  });
  if (moves.length) path += `H${x(end)}`;

  // Every time something happened is labelled where its label has room: the first and the last always.
  const ticks: Array<{ at: number; anchor: string }> = [];
  for (const [index, at] of axis.points.entries()) {
    const last = index === axis.points.length - 1;
    if (index > 0 && !last && (axis.x(at) - axis.x(ticks.at(-1)!.at) < LABEL_ROOM || axis.x(axis.points.at(-1)!) - axis.x(at) < LABEL_ROOM)) continue;
    ticks.push({ at, anchor: index === 0 ? 'start' : last ? 'end' : 'middle' });
  }
  const legendY = (line: number) => PLOT_HEIGHT + line * LEGEND_LINE - 4;

  return html`<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">
  <title id="chart-title">${title}</title>
  <desc id="chart-desc">${[
    ...moves.map((move) => `${t.dateTime(move.at)}${t.t('print.colon')} ${t.word('state', move.to)}`),
    ...notices.map((notice, index) => `${index + 1}. ${t.dateTime(notice.at)}${t.t('print.colon')} ${notice.ref} ${t.word('noticeType', notice.type)}`),
  ].join('; ')}</desc>
  ${levels.map((level) => html`<line class="grid-line" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${round(y(level))}" y2="${round(y(level))}"/>${levelName(t, rows, level, y)}`)}
  <line class="axis" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${axisY}" y2="${axisY}"/>
  ${axis.breaks.map(
    (gap) =>
      html`<g class="axis-break" data-break-from="${new Date(gap.from).toISOString()}" data-break-to="${new Date(gap.to).toISOString()}"><title>${t.t('chart.quiet', { from: t.date(new Date(gap.from)), to: t.date(new Date(gap.to)) })}</title><rect x="${round(gap.x - BREAK_WIDTH / 2 + 3)}" y="${TOP - 4}" width="${BREAK_WIDTH - 6}" height="${axisY - TOP + 12}" fill="#ffffff"/><path class="break-mark" d="M${round(gap.x - 6)} ${axisY + 6} l4 -12 M${round(gap.x + 2)} ${axisY + 6} l4 -12"/></g>`,
  )}
  ${ticks.map((tick) => html`<text x="${x(tick.at)}" y="${axisY + 16}" text-anchor="${tick.anchor}">${t.date(new Date(tick.at))} ${t.time(new Date(tick.at))}</text>`)}
  ${commitments.map((mark) => html`<line class="commitment-mark" data-mark="commitment" x1="${x(mark.at)}" x2="${x(mark.at)}" y1="${TOP}" y2="${axisY + 4}"><title>${mark.label}</title></line>`)}
  ${notices.map(
    (notice, index) =>
      html`<g data-mark="notice" data-notice-type="${notice.type}"><title>${notice.ref} · ${t.word('noticeType', notice.type)} (${t.word('noticeDirection', notice.direction)})</title><line class="notice-mark" x1="${x(notice.at)}" x2="${x(notice.at)}" y1="${TOP}" y2="${axisY + 4}"/><circle class="notice-flag" cx="${x(notice.at)}" cy="${TOP - 10}" r="8"/><text class="notice-number" x="${x(notice.at)}" y="${TOP - 6}" text-anchor="middle">${index + 1}</text></g>`,
  )}
  <path class="step" d="${path}"/>
  ${moves.map((move) => html`<circle class="dot" data-step="${move.to}" cx="${x(move.at)}" cy="${round(y(move.level ?? ENDED))}" r="4"><title>${t.dateTime(move.at)}${t.t('print.colon')} ${t.word('state', move.to)}</title></circle>`)}
  ${notices.map(
    (notice, index) =>
      html`<g data-legend="notice"><circle class="notice-flag" cx="${LEFT + 8}" cy="${legendY(index + 1) - 4}" r="7"/><text class="notice-number" x="${LEFT + 8}" y="${legendY(index + 1)}" text-anchor="middle">${index + 1}</text><text x="${LEFT + 22}" y="${legendY(index + 1)}">${noticeLegend(t, notice)}</text></g>`,
  )}
  ${
    commitments.length
      ? html`<g data-legend="commitment"><line class="commitment-mark" x1="${LEFT}" x2="${LEFT + 16}" y1="${legendY(legendLines) - 4}" y2="${legendY(legendLines) - 4}"/><text x="${LEFT + 22}" y="${legendY(legendLines)}">${t.t('chart.commitments', { count: commitments.length })}</text></g>`
      : ''
  }
</svg>`;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Where the chart's rows and legend go: the levels a move reached, each row's height, the whole height with the legend. */
function layoutOf(moves: ChartMove[], notices: ChartNotice[], commitments: ChartCommitment[]) {
  const rows = axisStates(moves);
  const levels = [...rows.keys()].sort((a, b) => a - b);
  const legendLines = notices.length + (commitments.length ? 1 : 0);
  const axisY = PLOT_HEIGHT - BOTTOM;
  const rowY = (level: number) => TOP + ((levels.at(-1)! - level) / Math.max(levels.length - 1, 1)) * (axisY - 8 - TOP);
  const y = (level: number) => rowY(levels.includes(level) ? level : ENDED);
  return { rows, levels, legendLines, height: PLOT_HEIGHT + legendLines * LEGEND_LINE, axisY, y };
}

/** A notice's line of the legend: its number's meaning. */
const noticeLegend = (t: Translator, notice: ChartNotice): string => `${notice.ref} · ${t.word('noticeType', notice.type)} (${t.word('noticeDirection', notice.direction)}) · ${t.date(notice.at)}`;

/** A level's name on the level axis: its states, one under the other. */
function levelName(t: Translator, rows: Map<number, string[]>, level: number, y: (level: number) => number): Html {
  const states = rows.get(level)!;
  const top = round(y(level) + 4 - ((states.length - 1) * 12) / 2);
  return html`<text x="${LEFT - 6}" y="${top}" text-anchor="end" data-level="${level}">${states.map(
    (state, index) => html`<tspan x="${LEFT - 6}"${index ? html` dy="12"` : ''} data-state="${state}">${t.word('state', state)}</tspan>`,
  )}</text>`;
}

/**
 * The chart in its box, as the incident page and the dossier show it: wider than the box (a phone), it scrolls sideways
 * inside it and opens on its right end, the latest step (desk-css.ts); the level names then stay in view at its left, a
 * copy of the level axis drawn over the chart (`.chart-axis`), and its legend, which starts at the left too, is said
 * under it as a list that wraps (`.chart-legend`). Both show only while the box is narrower than the chart, and are
 * hidden from assistive technology, which reads the chart's own title and description, and from print.
 */
export function chartBox(t: Translator, labelledBy: string, title: string, moves: ChartMove[], notices: ChartNotice[] = [], commitments: ChartCommitment[] = []): Html {
  const { rows, levels, height, axisY, y } = layoutOf(moves, notices, commitments);
  return html`<div class="chart-box">
  <svg class="chart-axis" viewBox="0 0 ${LEFT} ${height}" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg"><rect width="${LEFT - 2}" height="${axisY + 4}" fill="#ffffff"/>${levels.map((level) => levelName(t, rows, level, y))}</svg>
  <div class="chart-scroll" tabindex="0" role="group" aria-labelledby="${labelledBy}">${escalationChart(t, title, moves, notices, commitments)}</div>
  ${
    notices.length || commitments.length
      ? html`<ul class="chart-legend" aria-hidden="true">${notices.map((notice, index) => html`<li><span class="notice-badge">${index + 1}</span> ${noticeLegend(t, notice)}</li>`)}${
          commitments.length ? html`<li><span class="commitment-key"></span> ${t.t('chart.commitments', { count: commitments.length })}</li>` : ''
        }</ul>`
      : ''
  }
</div>`;
}

/** What a chart marks of an incident: its notices (when received or sent) and its commitments (when promised). */
export function chartMarks(
  t: Translator,
  dossier: {
    notices: Array<{ ref: string; type: string; direction: string; receivedAt: string | null; sentAt: string | null; createdAt: string }>;
    commitments: Array<{ kind: string; description: string; promisedAt: string }>;
  },
): { notices: ChartNotice[]; commitments: ChartCommitment[] } {
  return {
    notices: dossier.notices.map((notice) => ({ at: notice.receivedAt ?? notice.sentAt ?? notice.createdAt, ref: notice.ref, type: notice.type, direction: notice.direction })),
    commitments: dossier.commitments.map((commitment) => ({ at: commitment.promisedAt, label: t.t('commitment.named', { kind: t.word('commitmentKind', commitment.kind), description: commitment.description }) })),
  };
}
