/* global document, window, sessionStorage, AbortController, uPlot */
// The dashboard: asks once for an API key or access token, keeps it in sessionStorage (this tab only, gone when it
// closes) and reads GET /v1/monitoring/stream with fetch() so the credential travels in the Authorization header.
// EventSource cannot send headers, and putting a secret in the query string would leave it in access logs, proxies
// and browser history. The page itself is public and holds no data: everything it draws comes from that stream.

import { readEventStream, SseParser } from './sse-reader.js';

const STORAGE_KEY = 'bulwark.dashboard.credential';
const HISTORY_SECONDS = 5 * 60;
const DEFAULT_RETRY_MS = 3_000;
const CHART_HEIGHT = 150;
const COLORS = { blue: '#4cc2ff', green: '#3ecf8e', amber: '#f5a524', red: '#f04848', violet: '#b48cff', grey: '#8b96a5' };

const percent = (ratio) => (ratio === null || ratio === undefined ? null : ratio * 100);
const fixed = (value, digits) => (value === null || value === undefined ? '–' : value.toFixed(digits));
const mib = (bytes) => `${(bytes / 1_048_576).toFixed(0)} MiB`;
const gibOrMib = (bytes) => (bytes >= 1_073_741_824 ? `${(bytes / 1_073_741_824).toFixed(1)} GiB` : mib(bytes));

/** Each chart: its element and the series it draws, each read from a tick. */
const CHARTS = [
  { id: 'chart-rps', digits: 2, series: [{ label: 'req/s', color: COLORS.blue, fill: 'rgba(76,194,255,0.12)', read: (t) => t.requests.rps }] },
  {
    id: 'chart-latency',
    digits: 1,
    series: [
      { label: 'p50', color: COLORS.green, read: (t) => t.requests.p50Ms },
      { label: 'p95', color: COLORS.amber, read: (t) => t.requests.p95Ms },
      { label: 'p99', color: COLORS.red, read: (t) => t.requests.p99Ms },
    ],
  },
  { id: 'chart-errors', digits: 2, series: [{ label: '5xx %', color: COLORS.red, fill: 'rgba(240,72,72,0.12)', read: (t) => percent(t.requests.errorRate) }] },
  { id: 'chart-cache', digits: 1, series: [{ label: 'hit %', color: COLORS.green, fill: 'rgba(62,207,142,0.12)', read: (t) => percent(t.cache.hitRatio) }] },
  {
    id: 'chart-pool',
    digits: 0,
    series: [
      { label: 'active', color: COLORS.blue, read: (t) => t.dbPool?.active ?? null },
      { label: 'idle', color: COLORS.green, read: (t) => t.dbPool?.idle ?? null },
      { label: 'waiting', color: COLORS.red, read: (t) => t.dbPool?.waiting ?? null },
      { label: 'max', color: COLORS.grey, dash: [4, 4], read: (t) => t.dbPool?.max ?? null },
    ],
  },
  {
    id: 'chart-process',
    digits: 1,
    series: [
      { label: 'CPU %', color: COLORS.violet, read: (t) => percent(t.runtime?.cpuUtilisation) },
      { label: 'event loop %', color: COLORS.amber, read: (t) => percent(t.runtime?.eventLoopUtilisation) },
    ],
  },
];

const $ = (id) => document.getElementById(id);
const charts = [];
let connection = null;

function axis() {
  return { stroke: COLORS.grey, grid: { stroke: '#222831', width: 1 }, ticks: { stroke: '#222831', width: 1 } };
}

function createChart(definition) {
  const element = $(definition.id);
  const data = [[], ...definition.series.map(() => [])];
  const plot = new uPlot(
    {
      width: Math.max(200, element.clientWidth),
      height: CHART_HEIGHT,
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.15 : 1] } },
      axes: [axis(), { ...axis(), size: 46 }],
      series: [
        { value: (_u, seconds) => (seconds === null ? '–' : new Date(seconds * 1000).toLocaleTimeString()) },
        ...definition.series.map((series) => ({
          label: series.label,
          stroke: series.color,
          fill: series.fill,
          dash: series.dash,
          width: 2,
          spanGaps: false,
          points: { show: false },
          value: (_u, value) => fixed(value, definition.digits),
        })),
      ],
    },
    data,
    element,
  );
  return { definition, element, plot, data };
}

function appendTick(chart, tick) {
  const seconds = Date.parse(tick.at) / 1000;
  chart.data[0].push(seconds);
  chart.definition.series.forEach((series, index) => chart.data[index + 1].push(series.read(tick)));
  // The browser keeps the last five minutes; older points scroll off.
  while (chart.data[0].length > 0 && chart.data[0][0] < seconds - HISTORY_SECONDS) {
    chart.data.forEach((column) => column.shift());
  }
  chart.plot.setData(chart.data);
  // Away from the cursor the legend shows the newest point instead of dashes.
  if (chart.plot.cursor.idx === null || chart.plot.cursor.idx === undefined || chart.plot.cursor.left < 0) {
    chart.plot.setLegend({ idx: chart.data[0].length - 1 });
  }
  chart.element.dataset.points = String(chart.data[0].length);
}

function showTiles(tick) {
  const { requests, runtime, cache, dbPool } = tick;
  $('stat-rps').textContent = fixed(requests.rps, 2);
  $('stat-errors').textContent = `${fixed(percent(requests.errorRate), 2)} %`;
  $('stat-p95').textContent = `${fixed(requests.p95Ms, 1)} ms`;
  $('stat-cpu').textContent = runtime === null ? '–' : `${fixed(percent(runtime.cpuUtilisation), 0)} %`;
  $('stat-lag').textContent = runtime === null ? '–' : `${fixed(runtime.eventLoopLagP99Ms, 1)} ms`;
  $('stat-memory').textContent = runtime === null ? '–' : `${mib(runtime.heapUsedBytes)} / ${mib(runtime.rssBytes)}`;
  $('stat-cache').textContent = cache.hitRatio === null ? 'n/a' : `${fixed(percent(cache.hitRatio), 1)} %`;
  $('stat-pool').textContent = dbPool === null ? 'n/a' : `${dbPool.active} / ${dbPool.max}${dbPool.waiting > 0 ? ` (+${dbPool.waiting})` : ''}`;
  $('window').textContent = `figures over the last ${tick.window}, updated ${new Date(tick.at).toLocaleTimeString()}`;
}

function cell(text, className) {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) {
    td.className = className;
  }
  return td;
}

// textContent only: route templates come from requests, so nothing here is ever parsed as HTML.
function showRoutes(routes) {
  const rows = routes.map((route) => {
    const tr = document.createElement('tr');
    tr.append(cell(route.method), cell(route.route, 'route'), cell(fixed(route.rps, 2), 'num'), cell(fixed(route.p95Ms, 1), 'num'), cell(`${fixed(percent(route.errorRate), 1)} %`, 'num'));
    return tr;
  });
  if (rows.length === 0) {
    const tr = document.createElement('tr');
    const td = cell('no traffic yet', 'muted');
    td.colSpan = 5;
    tr.append(td);
    rows.push(tr);
  }
  $('routes').replaceChildren(...rows);
}

function showPanels(tick) {
  const alerts = $('alerts');
  const active = tick.alerts === null ? 0 : tick.alerts.firing + tick.alerts.pending;
  alerts.textContent = active === 0 ? 'none' : `${tick.alerts.firing} firing, ${tick.alerts.pending} pending`;
  alerts.className = `panel-value ${active === 0 ? 'muted' : tick.alerts.firing > 0 ? 'firing' : 'pending'}`;
  showGpu(tick.gpu);
}

function showGpu(gpu) {
  const panel = $('gpu');
  panel.className = `panel-value${gpu === null ? ' muted' : ''}`;
  if (gpu === null) {
    panel.textContent = 'no GPU';
    return;
  }
  const parts = [`${gpu.devices} ${gpu.devices === 1 ? 'GPU' : 'GPUs'}`];
  if (gpu.utilisationMean !== null) {
    parts.push(`${fixed(percent(gpu.utilisationMean), 0)} % busy (max ${fixed(percent(gpu.utilisationMax), 0)} %)`);
  }
  if (gpu.memoryUsedBytes !== null) {
    parts.push(`${gibOrMib(gpu.memoryUsedBytes)} used`);
  }
  if (gpu.openRecommendations !== null && gpu.openRecommendations > 0) {
    parts.push(`${gpu.openRecommendations} open recommendation${gpu.openRecommendations === 1 ? '' : 's'}`);
  }
  panel.textContent = parts.join(' · ');
}

function onTick(tick) {
  showTiles(tick);
  showRoutes(tick.topRoutes);
  showPanels(tick);
  charts.forEach((chart) => appendTick(chart, tick));
}

function setStatus(text, kind) {
  const status = $('status');
  status.textContent = text;
  status.className = `status status-${kind}`;
}

function showSignIn(error) {
  $('board').hidden = true;
  $('sign-out').hidden = true;
  $('sign-in').hidden = false;
  $('sign-in-error').hidden = error === undefined;
  $('sign-in-error').textContent = error ?? '';
  setStatus('not connected', 'idle');
  $('credential').focus();
}

function showBoard() {
  $('sign-in').hidden = true;
  $('board').hidden = false;
  $('sign-out').hidden = false;
  if (charts.length === 0) {
    CHARTS.forEach((definition) => charts.push(createChart(definition)));
  }
}

async function problemDetail(response, fallback) {
  try {
    return (await response.json()).detail ?? fallback;
  } catch {
    return fallback;
  }
}

/** One connection to the stream; resolves with how long to wait before the next, or null to stop. */
async function stream(credential, signal) {
  const parser = new SseParser((event) => event.type === 'tick' && onTick(JSON.parse(event.data)));
  const response = await fetch('/v1/monitoring/stream', {
    headers: { Accept: 'text/event-stream', Authorization: `Bearer ${credential}` },
    cache: 'no-store',
    signal,
  });
  if (response.status === 401 || response.status === 403) {
    sessionStorage.removeItem(STORAGE_KEY);
    showSignIn(await problemDetail(response, 'This key may not read monitoring.'));
    return null;
  }
  if (!response.ok || response.body === null) {
    setStatus(`stream refused (${response.status})`, 'error');
    return Number(response.headers.get('Retry-After') ?? 0) * 1000 || DEFAULT_RETRY_MS;
  }
  setStatus('live', 'live');
  await readEventStream(response.body, parser);
  return parser.retry ?? DEFAULT_RETRY_MS;
}

async function connect(credential) {
  connection?.abort();
  const controller = new AbortController();
  connection = controller;
  showBoard();
  while (!controller.signal.aborted) {
    setStatus('connecting…', 'connecting');
    let waitMs;
    try {
      waitMs = await stream(credential, controller.signal);
    } catch {
      waitMs = DEFAULT_RETRY_MS;
    }
    if (waitMs === null || controller.signal.aborted) {
      return;
    }
    setStatus(`reconnecting in ${Math.round(waitMs / 1000)} s`, 'error');
    await new Promise((resolve) => window.setTimeout(resolve, waitMs));
  }
}

function start() {
  $('sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const credential = $('credential').value.trim();
    $('credential').value = '';
    if (credential !== '') {
      sessionStorage.setItem(STORAGE_KEY, credential);
      void connect(credential);
    }
  });
  $('sign-out').addEventListener('click', () => {
    connection?.abort();
    sessionStorage.removeItem(STORAGE_KEY);
    showSignIn();
  });
  window.addEventListener('resize', () => charts.forEach((chart) => chart.plot.setSize({ width: Math.max(200, chart.element.clientWidth), height: CHART_HEIGHT })));
  const saved = sessionStorage.getItem(STORAGE_KEY);
  if (saved === null) {
    showSignIn();
  } else {
    void connect(saved);
  }
}

start();
