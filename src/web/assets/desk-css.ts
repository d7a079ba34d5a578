import { CHART_SCALE } from '../pages/chart.js';
/** The desk's one stylesheet (served at /assets/desk.css; no inline style anywhere, for the CSP). */
export const DESK_CSS = `
:root { --ink:#1b1f24; --muted:#555d66; --line:#c9ced6; --bg:#fff; --soft:#f3f5f8; --accent:#1d4ed8; --red:#b42318; --amber:#8a5a00; --green:#1f7a3a; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); line-height: 1.45; }
* { box-sizing: border-box; }
body { margin: 0; }
a { color: var(--accent); }
a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus { outline: 3px solid #f59e0b; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--bg); padding: .5rem; }
.skip:focus { left: .5rem; z-index: 10; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
/* A field for robots only (the public notice form's trap): off the page, out of the keyboard's way and of assistive technology. */
.trap { position: absolute; left: -10000px; top: auto; width: 1px; height: 1px; overflow: hidden; }
header.top { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; align-items: center; padding: .5rem 1rem; border-bottom: 1px solid var(--line); background: var(--soft); }
.brand { font-weight: 700; text-decoration: none; color: var(--ink); font-size: 1.2rem; }
header nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: 0; padding: 0; }
header nav a[aria-current="page"] { font-weight: 700; text-decoration: none; color: var(--ink); border-bottom: 3px solid var(--accent); }
.owed { margin: 0; }
.bell { text-decoration: none; white-space: nowrap; }
.bell-icon { vertical-align: -3px; }
.bell.unread .count { display: inline-block; min-width: 1.4em; padding: 0 .35em; border-radius: 1em; background: var(--red); color: #fff; text-align: center; font-weight: 700; }
.notifications li.unread { font-weight: 600; }
.notifications li.unread small, .notifications li.unread .kind { font-weight: 400; }
code[data-testid="new-token"], code[data-testid="calendar-url"] { overflow-wrap: anywhere; background: var(--soft); padding: .15rem .3rem; }
.tools { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin-left: auto; font-size: .9rem; }
form.inline { display: inline-flex; flex-wrap: wrap; gap: .35rem; align-items: center; margin: 0; max-width: 100%; }
form.inline select { min-width: 0; max-width: 100%; }
main { padding: 1rem; max-width: 1200px; margin: 0 auto; overflow-wrap: anywhere; }
footer { padding: 1rem; color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); }
h1 { font-size: 1.6rem; margin: .25rem 0 1rem; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .25rem; }
label { font-weight: 600; display: block; margin-bottom: .2rem; }
form.inline label { display: inline; margin: 0; }
input, select, textarea, button { font: inherit; padding: .35rem .5rem; border: 1px solid #8a929c; border-radius: 4px; max-width: 100%; }
textarea { width: 100%; min-height: 6rem; }
p.check { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
p.check > .field-error { flex-basis: 100%; }
p.check label { margin: 0; font-weight: 400; flex: 1 1 0; min-width: 12rem; }
input[inputmode="url"] { width: 100%; }
.field-error { display: block; color: var(--red); font-size: .85rem; }
.form-problems { color: var(--red); }
.form-problems:empty { display: none; }
.form-problems ul { margin: 0 0 .5rem; padding-left: 1.2rem; }
[aria-invalid="true"] { border-color: var(--red); border-width: 2px; }
.hint { font-weight: 400; color: var(--muted); font-size: .85rem; }
.hint.again { display: block; }
form.inline p { margin: 0; display: inline-flex; flex-wrap: wrap; gap: .35rem; align-items: center; max-width: 100%; }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
button.secondary { background: var(--bg); color: var(--accent); }
a.button { display: inline-block; padding: .35rem .75rem; border-radius: 4px; background: var(--accent); color: #fff; text-decoration: none; font-weight: 600; }
.page-actions { margin: 0 0 .75rem; }
fieldset { border: 1px solid var(--line); border-radius: 4px; margin: 0 0 1rem; padding: .5rem .75rem; min-width: 0; }
legend { font-weight: 700; padding: 0 .25rem; }
.case-form input:not([type="checkbox"]), .case-form textarea { width: 100%; }
.case-form .fields > p { flex: 1 1 12rem; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 1rem; margin: 0 0 1rem; background: var(--bg); }
.card > h2:first-child, .card > h2.visually-hidden + * { margin-top: 0; }
.narrow { max-width: 28rem; }
.notice { background: #e8f1ff; border-left: 4px solid var(--accent); padding: .5rem .75rem; }
.error, .errors { color: var(--red); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 22rem), 1fr)); gap: 1rem; }
.fields { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-end; }
.fields p { margin: 0; min-width: 0; max-width: 100%; }
.fields > p:has(textarea), .fields > p.wide-field { flex: 1 1 100%; }
p.wide-field input { width: 100%; }
.wrap { overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
.table-wrap { overflow-x: auto; }
.badge { display: inline-block; font-size: .8rem; padding: .05rem .45rem; border-radius: 999px; border: 1px solid currentColor; margin: 0 .2rem .2rem 0; white-space: nowrap; }
.badge.red, .overdue { color: var(--red); }
.badge.amber { color: var(--amber); }
.badge.green { color: var(--green); }
.agenda { list-style: none; padding: 0; }
.agenda li { border: 1px solid var(--line); border-left-width: 6px; border-radius: 4px; padding: .5rem .75rem; margin-bottom: .5rem; }
.agenda li.overdue { border-left-color: var(--red); }
.agenda .kind { font-weight: 700; }
.thread { list-style: none; padding: 0; margin: 0; }
.thread li.comment { border: 1px solid var(--line); border-radius: 4px; padding: .5rem .75rem; margin: 0 0 .5rem; }
.thread li.inbound { background: #fffaf0; }
.thread li.outbound { background: #f0f7ff; }
.depth-1 { margin-left: 1.5rem !important; } .depth-2 { margin-left: 3rem !important; } .depth-3 { margin-left: 4.5rem !important; } .depth-4, .depth-5, .depth-6 { margin-left: 6rem !important; }
@media (max-width: 600px) { .depth-1 { margin-left: .75rem !important; } .depth-2 { margin-left: 1.5rem !important; } .depth-3, .depth-4, .depth-5, .depth-6 { margin-left: 2.25rem !important; } }
.comment .meta { font-size: .85rem; color: var(--muted); }
.comment .body { white-space: pre-wrap; margin: .35rem 0; overflow-wrap: anywhere; }
.thread li.earlier { margin: 0 0 .5rem; }
.reply-choice input[type="search"] { width: 100%; }
.reply-choice .choices { list-style: none; padding: 0; margin: 0; max-height: 18rem; overflow-y: auto; }
.reply-choice .choices li { display: flex; gap: .5rem; align-items: flex-start; padding: .25rem 0; border-top: 1px solid var(--line); }
.reply-choice .choices input { flex: none; margin-top: .3rem; }
.reply-choice .choices label { font-weight: 400; margin: 0; flex: 1 1 0; min-width: 0; overflow-wrap: anywhere; }
mark.signal { background: #fde68a; color: var(--ink); padding: 0 .1rem; border-bottom: 2px solid var(--amber); }
mark.signal.legal_threat, mark.signal.hostility, mark.signal.accusation { background: #fecaca; border-bottom-color: var(--red); }
mark.signal.apology, mark.signal.de_escalation { background: #bbf7d0; border-bottom-color: var(--green); }
mark.signal .labels { user-select: none; }
mark.signal .kind { font-size: .7rem; font-weight: 700; text-transform: uppercase; margin-left: .2rem; }
mark.signal .named, mark.signal .mention { font-size: .7rem; margin-left: .2rem; }
mark.signal.mention { background: transparent; border-bottom-style: dashed; }
mark.signal.mention .mention { font-style: italic; }
.suggestion-done { color: var(--muted); }
.chart svg { width: 100%; height: auto; max-height: 260px; }
.chart .axis { stroke: #555d66; stroke-width: 1; }
.chart .grid-line { stroke: #d9dde3; stroke-width: 1; }
.chart .step { fill: none; stroke: #1d4ed8; stroke-width: 3; }
.chart .dot { fill: #1d4ed8; }
.chart .notice-mark { stroke: #b42318; stroke-width: 2; }
.chart .commitment-mark { stroke: #1f7a3a; stroke-width: 2; stroke-dasharray: 4 3; }
.chart text { font-size: 11px; fill: #1b1f24; }
.hash { font-family: ui-monospace, monospace; font-size: .8rem; overflow-wrap: anywhere; }
.case-side .action-body input:not([type="checkbox"]):not([type="file"]), .case-side .action-body select, .legal-hold .action-body input:not([type="checkbox"]) { width: 100%; }
.chart-scroll { overflow-x: auto; direction: rtl; }
.chart-scroll svg { min-width: ${CHART_SCALE.minWidth}px; direction: ltr; }
/* The level names stay in view over a chart scrolled to its latest end (chart.ts, chartBox): the level axis's copy is
   shown while the box is narrower than the chart is ever drawn, at the chart's scale. */
.chart-box { position: relative; container-type: inline-size; }
.chart .chart-axis { display: none; }
.chart .chart-legend { display: none; list-style: none; padding: 0; margin: .25rem 0 0; font-size: .85rem; }
.chart-legend .notice-badge { display: inline-block; min-width: 1.4em; border-radius: 50%; background: #b42318; color: #fff; text-align: center; font-weight: 700; font-size: .75rem; }
.chart-legend .commitment-key { display: inline-block; width: 1.2em; border-top: 2px dashed #1f7a3a; vertical-align: middle; }
@container (max-width: ${CHART_SCALE.minWidth - 1}px) {
  .chart .chart-axis { display: block; position: absolute; left: 0; top: 0; width: ${(CHART_SCALE.minWidth * CHART_SCALE.axis) / CHART_SCALE.width}px; height: auto; pointer-events: none; z-index: 1; }
  /* The legend, at the chart's left, is out of view: said under it as a list instead. */
  .chart .chart-legend { display: block; }
  .chart [data-legend] { display: none; }
}
.chart .notice-flag { fill: #b42318; }
.chart .notice-number { fill: #fff; font-size: 10px; font-weight: 700; }
.chart .break-mark { stroke: #555d66; stroke-width: 1.5; fill: none; }
a.button { display: inline-block; padding: .35rem .75rem; border-radius: 4px; background: var(--accent); color: #fff; text-decoration: none; font-weight: 600; }
fieldset { border: 1px solid var(--line); border-radius: 4px; margin: 0 0 1rem; padding: .5rem .75rem; min-width: 0; }
legend { font-weight: 700; padding: 0 .25rem; }
.notice-form input:not([type="checkbox"]):not([type="file"]), .notice-form textarea, .notice-form select { width: 100%; }
.notice-form .fields > p { flex: 1 1 12rem; }
.party-choices { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 18rem), 1fr)); gap: 0 1rem; }
.party-choice { margin-bottom: .5rem; }
.new-party > summary { font-weight: 400; color: var(--accent); margin: .25rem 0; }
.notice-form .fields > p.group-label { flex: 1 1 100%; font-weight: 700; margin: .5rem 0 0; }
.case-side h3 { font-size: .95rem; margin: .6rem 0 .2rem; }
.item-head { margin: 0 0 .2rem; }
.side-list p { margin: .15rem 0; }
.meta { color: var(--muted); font-size: .85rem; }
.url, .side-list a { overflow-wrap: anywhere; }
ul.warnings { list-style: none; margin: .25rem 0; padding: 0; }
ul.warnings li { color: var(--amber); border-left: 3px solid var(--amber); padding: .1rem .5rem; margin: .2rem 0; font-size: .9rem; overflow-wrap: break-word; }
.observations { margin: .25rem 0; padding-left: 1.1rem; font-size: .85rem; }
.verdict.pass { color: var(--green); font-weight: 600; } .verdict.fail, .verdict.error { color: var(--red); font-weight: 600; }
details.more > summary { font-weight: 400; font-size: .85rem; color: var(--accent); }
details.more[open] { border-left: 3px solid var(--line); padding-left: .5rem; }
h3.small { font-size: .9rem; margin: .5rem 0 .25rem; }
.text { white-space: pre-wrap; }
.privileged { background: #fff7e6; border-left: 4px solid var(--amber); padding: .35rem .6rem; }
.still-open { border-left: 4px solid var(--red); padding: .25rem .6rem; margin: .5rem 0; }
.still-open p { margin: 0; font-weight: 600; }
.progress { color: var(--amber); }
.legal-hold p { margin: 0; }
.notice-page { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 24rem); gap: 1rem; align-items: start; }
dl.notice-facts { grid-template-columns: minmax(8rem, 16rem) minmax(0, 1fr); }
.case-side dl.notice-facts { display: block; }
.case-side dl.notice-facts dt { margin-top: .35rem; }
table.stack { overflow-wrap: normal; }
table.stack th { white-space: nowrap; }
table.stack td { overflow-wrap: break-word; min-width: 6rem; }
table.stack td.wide { min-width: 14rem; }
table.stack td.ref, table.stack a.ref, table.stack td.name { white-space: nowrap; }
/* A title under its reference, wrapped at a width of its own: it does not take the room of the columns beside it. */
table.stack .incident-title { display: block; max-width: 14rem; }
.letter { max-width: 44rem; font-family: Georgia, 'Times New Roman', serif; line-height: 1.5; }
.letter .recipient { margin-left: auto; width: fit-content; max-width: 100%; }
.letter .letter-date { text-align: right; }
.letter-choice select { max-width: 100%; }
@media (max-width: 900px) { .notice-page { grid-template-columns: minmax(0, 1fr); } }
@media (max-width: 640px) {
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; min-width: 0; }
  table.stack tr { border: 1px solid var(--line); border-radius: 4px; margin-bottom: .5rem; padding: .25rem .5rem; }
  table.stack td { border: none; padding: .2rem 0; }
  table.stack td::before { content: attr(data-label); display: block; font-weight: 600; font-size: .8rem; color: var(--muted); }
}
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
/* A list of facts that is a card of its own (a party's, a post's) keeps a card's room below it. */
dl.facts.card { margin-bottom: 1rem; }
@media (max-width: 640px) { dl.facts { display: block; } dl.facts dt { margin-top: .35rem; } }
.snippet mark { background: #fde68a; }
details > summary { cursor: pointer; font-weight: 600; }
.case-head { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: flex-start; }
.case-facts { flex: 1 1 22rem; min-width: 0; display: flex; flex-direction: column; gap: .35rem; }
.case-actions { flex: 0 1 auto; min-width: 0; display: flex; flex-direction: column; gap: .5rem; align-items: flex-end; }
.case-head .badges, .case-head .summary { margin: 0; }
.action-body > form > p > input:not([type="checkbox"]):not([type="file"]), .action-body > form > p > textarea { width: 100%; }
.badge.state { font-weight: 700; font-size: .9rem; }
.case { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 23rem); grid-template-rows: auto 1fr; grid-template-areas: "main side" "more side"; gap: 0 1rem; align-items: start; }
.case-main { grid-area: main; min-width: 0; }
.case-side { grid-area: side; min-width: 0; }
.case-more { grid-area: more; min-width: 0; }
.case-side .card { padding: .75rem; }
.case-side h2 { font-size: 1.05rem; margin: 0 0 .4rem; }
.side-list { list-style: none; padding: 0; margin: 0; }
.side-list > li { padding: .4rem 0; border-top: 1px solid var(--line); }
.side-list > li:first-child { border-top: none; }
details.action > summary, details.menu > summary { display: inline-block; padding: .25rem .6rem; border: 1px solid var(--accent); border-radius: 4px; color: var(--accent); background: var(--bg); font-weight: 600; }
details.menu > summary { font-size: .85rem; padding: .1rem .5rem; margin-top: .25rem; }
details[open] > summary { background: var(--soft); }
details.action[open], details.menu[open] { margin-top: .25rem; }
.action-body { border: 1px solid var(--line); border-radius: 4px; padding: .5rem .75rem; margin-top: .35rem; background: var(--bg); }
.case-head details.move[open] { width: min(32rem, 100%); }
.composer { padding: .75rem 1rem; }
.composer > details > summary { font-size: 1.05rem; }
.comment-actions { margin: 0; font-size: .85rem; }
.reply-slot:empty { display: none; }
.suggestion-actions { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin-top: .25rem; }
.suggestions ul { padding-left: 1.2rem; }
@media (max-width: 900px) {
  .case { grid-template-columns: minmax(0, 1fr); grid-template-rows: auto; grid-template-areas: "main" "side" "more"; }
  .case-actions { flex-basis: 100%; align-items: flex-start; }
}
@media print {
  header.top, footer, form, .no-print, .skip { display: none !important; }
  main:has(.letter-page) > h1 { display: none; }
  main { max-width: none; padding: 0; }
  .chart-scroll { overflow: visible; }
  .chart-scroll svg { min-width: 0; }
  .chart .chart-axis, .chart .chart-legend { display: none !important; }
  body { font-size: 10.5pt; }
  .card { border: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  .chart svg { max-height: none; }
  @page { size: A4; margin: 18mm 16mm; }
}
`;
