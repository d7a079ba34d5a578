import { Translator } from '../../i18n/i18n.js';
import { axisStates, CHART_SCALE, chartBox, escalationChart } from './chart.js';

describe(escalationChart.name, () => {
  const fr = new Translator('fr', 'Europe/Paris');
  const now = new Date('2026-12-03T12:00:00Z');
  const moves = [
    { at: '2014-03-02T10:00:00Z', to: 'reported', level: 0 },
    { at: '2026-11-30T09:00:00Z', to: 'heated', level: 2 },
    { at: '2026-11-30T11:00:00Z', to: 'legal_threat', level: 3 },
    { at: '2026-12-01T15:00:00Z', to: 'de_escalating', level: 2 },
    { at: '2026-12-02T08:00:00Z', to: 'resolved', level: null },
  ];

  it('names every state a move reached on the level axis, the ended ones on their own row', () => {
    const rows = axisStates(moves);
    expect(rows.get(2)).toEqual(['heated', 'de_escalating']);
    expect(rows.get(-1)).toEqual(['resolved']);
    expect(axisStates([{ to: 'reported' }]).get(2)).toEqual(['heated']);
    expect(axisStates([{ to: 'reported' }]).has(-1)).toBe(false);
    const svg = escalationChart(fr, 'INC', moves, [], [], now).text;
    for (const state of ['reported', 'monitoring', 'heated', 'de_escalating', 'legal_threat', 'formal_dispute', 'resolved']) expect(svg).toContain(`data-state="${state}"`);
    expect(svg).not.toContain('data-state="closed"');
  });

  it('marks each notice by its number and names its own type in the legend', () => {
    const notices = [
      { at: '2026-11-30T10:00:00Z', ref: 'LN-2026-0001', type: 'right_of_reply', direction: 'received' },
      { at: '2026-12-01T09:00:00Z', ref: 'LN-2026-0002', type: 'bailiff_report', direction: 'received' },
    ];
    const svg = escalationChart(fr, 'INC', moves, notices, [{ at: '2026-12-01T16:00:00Z', label: 'Mettre en noindex' }], now).text;
    expect(svg).toContain('LN-2026-0001 · Droit de réponse (Reçue)');
    expect(svg).toContain('LN-2026-0002 · Constat d’huissier (Reçue)');
    expect(svg).not.toContain('mise en demeure');
    expect(svg.match(/data-mark="notice"/g)).toHaveLength(2);
    expect(svg).toContain('engagement pris');
  });

  it('draws a thread begun in 2014 with a break, its moves apart rather than against the right edge', () => {
    const svg = escalationChart(fr, 'INC', moves, [], [], now).text;
    expect(svg).toContain('data-break-from="2014-03-02T10:00:00.000Z"');
    const xs = [...svg.matchAll(/<circle class="dot" data-step="[a-z_]+" cx="([\d.]+)"/g)].map((match) => Number(match[1]));
    expect(xs).toHaveLength(5);
    expect(xs[2]! - xs[1]!).toBeGreaterThan(10);
    expect(xs[4]! - xs[1]!).toBeGreaterThan(300);
  });

  it('draws over a scrolled chart a copy of its level names, hidden from assistive technology, at the chart’s scale', () => {
    const box = chartBox(fr, 'chart-heading', 'INC', moves).text;
    const axis = /<svg class="chart-axis" viewBox="0 0 (\d+) \d+" aria-hidden="true"[^>]*>([\s\S]*?)<\/svg>/.exec(box)!;
    expect(Number(axis[1])).toBe(CHART_SCALE.axis);
    const names = (svg: string) => [...svg.matchAll(/data-state="(\w+)"/g)].map((match) => match[1]);
    expect(names(axis[2]!)).toEqual(names(escalationChart(fr, 'INC', moves).text));
    expect(names(axis[2]!)).toContain('legal_threat');
    expect(box).toContain('<div class="chart-scroll" tabindex="0" role="group" aria-labelledby="chart-heading">');
    expect(box).not.toContain('chart-legend');
  });

  it('says a scrolled chart’s legend under it as a list, the same lines as the chart’s own', () => {
    const notices = [{ at: '2026-11-30T12:00:00Z', ref: 'LN-2026-0001', type: 'formal_notice', direction: 'received' }];
    const commitments = [{ at: '2026-12-01T16:00:00Z', label: 'Mettre en noindex' }];
    const box = chartBox(fr, 'chart-heading', 'INC', moves, notices, commitments).text;
    const listed = [.../<li><span class="notice-badge">1<\/span> ([^<]+)<\/li>/.exec(/<ul class="chart-legend" aria-hidden="true">([\s\S]*?)<\/ul>/.exec(box)![1]!)!.slice(1)];
    const drawn = [.../<g data-legend="notice">[\s\S]*?<text x="[\d.]+" y="[\d.]+">([^<]+)<\/text><\/g>/.exec(box)!.slice(1)];
    expect(listed).toEqual(drawn);
    expect(listed[0]).toContain('LN-2026-0001 · Mise en demeure');
    expect(box).toMatch(/<li><span class="commitment-key"><\/span> engagement pris<\/li>/);
  });
});
