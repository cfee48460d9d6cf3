// The cors-starter demo: calls the sample's API from another origin and shows what this page
// can observe. Every result cell carries stable data attributes, read by the browser tests:
//   id="result-<scenario>"  data-outcome="pending|ok|blocked"  data-status="<HTTP status, empty when blocked>"
//   data-expected="ok|blocked"  data-body="<response text>"  data-headers="<JSON of the readable headers>"
// and #scenarios gets data-done="true" once every scenario has finished.
(() => {
  'use strict';

  const page = new URL(window.location.href);
  // The other loopback name, same port: localhost <-> 127.0.0.1 are different origins.
  const apiHost = page.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  const port = window.location.port ? ':' + window.location.port : '';
  const api = page.protocol + '//' + apiHost + port;
  // The sample's development policies allow http://localhost:<any port>; other pages are refused.
  const pageAllowed = page.hostname === 'localhost';

  const scenarios = [
    {
      id: 'simple-get',
      title: 'Simple GET',
      explain: 'No preflight; the policy allows this origin, so the body is readable.',
      expected: 'ok',
      request: () => ['GET', '/api/public/greeting', {}],
    },
    {
      id: 'json-post',
      title: 'JSON POST (preflight)',
      explain: 'Content-Type: application/json is not a "simple" header: the browser asks first with OPTIONS.',
      expected: 'ok',
      request: () => ['POST', '/api/public/echo', {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: 'hello from ' + page.origin }),
      }],
    },
    {
      id: 'credentialed',
      title: 'Credentialed call',
      explain: 'credentials: "include" with an Authorization header; the api policy allows credentials.',
      expected: 'ok',
      request: () => ['GET', '/api/account/me', {
        credentials: 'include',
        headers: { Authorization: basicAuth() },
      }],
    },
    {
      id: 'exposed-header',
      title: 'Exposed vs non-exposed header',
      explain: 'The response sets X-Request-Id (exposed by the policy) and X-Internal (not exposed).',
      expected: 'ok',
      request: () => ['GET', '/api/public/greeting', {}],
      read: (response) => ({
        'x-request-id': response.headers.get('X-Request-Id'),
        'x-internal': response.headers.get('X-Internal'),
      }),
    },
    {
      id: 'unauthorized',
      title: 'Error status 401',
      explain: 'No login for the credentialed area: Spring Security answers 401, with the CORS headers, so the page sees it.',
      expected: 'ok',
      request: () => ['GET', '/api/account/me', { credentials: 'include' }],
    },
    {
      id: 'server-error',
      title: 'Error status 500',
      explain: 'The controller throws; the error response still carries the CORS headers.',
      expected: 'ok',
      request: () => ['GET', '/api/public/fail', {}],
    },
    {
      id: 'disallowed-header',
      title: 'Disallowed header',
      explain: 'X-Debug is not in the policy\'s allowed-headers: the preflight is refused.',
      expected: 'blocked',
      request: () => ['GET', '/api/public/greeting', { headers: { 'X-Debug': '1' } }],
    },
    {
      id: 'disallowed-method',
      title: 'Disallowed method',
      explain: 'PATCH is not in the api policy\'s allowed-methods: the preflight is refused.',
      expected: 'blocked',
      request: () => ['PATCH', '/api/items/1', {
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'ristretto' }),
      }],
    },
  ];

  function basicAuth() {
    const user = document.getElementById('user').value;
    const password = document.getElementById('password').value;
    return 'Basic ' + btoa(user + ':' + password);
  }

  /** One cross-origin call, reduced to what the page can observe. Never throws. */
  async function probe(method, url, init, read) {
    try {
      const response = await fetch(url, Object.assign({ method, cache: 'no-store' }, init));
      const headers = {};
      response.headers.forEach((value, name) => { headers[name] = value; });
      const body = await response.text();
      return {
        outcome: 'ok',
        status: response.status,
        body,
        headers: read ? Object.assign(headers, read(response)) : headers,
      };
    }
    catch (error) {
      return { outcome: 'blocked', status: null, error: error.name + ': ' + error.message };
    }
  }

  function cell(row, className, text) {
    const td = document.createElement('td');
    if (className) {
      td.className = className;
    }
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function render() {
    const body = document.getElementById('scenarios');
    body.replaceChildren();
    for (const scenario of scenarios) {
      const [method, path] = scenario.request();
      const expected = pageAllowed ? scenario.expected : 'blocked';
      const row = document.createElement('tr');
      row.id = 'row-' + scenario.id;
      const title = cell(row, null, scenario.title);
      title.title = scenario.explain;
      cell(row, 'request', method + ' ' + api + path);
      cell(row, null, expected);
      const result = cell(row, 'outcome', 'pending');
      result.id = 'result-' + scenario.id;
      result.dataset.outcome = 'pending';
      result.dataset.expected = expected;
      cell(row, 'status', '');
      cell(row, 'read', scenario.explain);
      body.appendChild(row);
    }
  }

  function show(scenario, observed) {
    const result = document.getElementById('result-' + scenario.id);
    const row = result.parentElement;
    const asExpected = observed.outcome === result.dataset.expected;
    result.dataset.outcome = observed.outcome;
    result.dataset.status = observed.status === null ? '' : String(observed.status);
    result.dataset.body = observed.body || '';
    result.dataset.headers = JSON.stringify(observed.headers || {});
    result.textContent = observed.outcome + (asExpected ? ' \u2713' : ' \u2717 (expected ' + result.dataset.expected + ')');
    row.dataset.asExpected = String(asExpected);
    row.querySelector('.status').textContent = observed.status === null ? '\u2014' : String(observed.status);
    row.querySelector('.read').textContent = observed.outcome === 'ok'
      ? Object.entries(observed.headers).map(([name, value]) => name + ': ' + describe(value)).join('\n')
        + '\n\n' + truncate(observed.body)
      : observed.error + ' \u2014 the page sees no status, no headers, no body';
  }

  function describe(value) {
    return value === null ? 'null (not readable: not exposed by the policy)' : value;
  }

  function truncate(text) {
    return text.length > 300 ? text.slice(0, 300) + '\u2026' : text;
  }

  async function run() {
    const body = document.getElementById('scenarios');
    body.dataset.done = 'false';
    render();
    for (const scenario of scenarios) {
      const [method, path, init] = scenario.request();
      show(scenario, await probe(method, api + path, init, scenario.read));
    }
    body.dataset.done = 'true';
  }

  document.getElementById('page-origin').textContent = page.origin;
  document.getElementById('api-origin').textContent = api;
  document.getElementById('origin-hint').textContent = pageAllowed
    ? 'Open this page as ' + page.protocol + '//127.0.0.1' + port + '/ to see an origin outside the policy: every call is refused.'
    : 'This page\'s origin is outside the sample\'s development policy (http://localhost:*): every call is refused. '
      + 'Open ' + page.protocol + '//localhost' + port + '/ to see the allowed view.';
  document.getElementById('login').addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });

  window.corsDemo = { api, probe, run };
  render();
  if (page.searchParams.get('autorun') !== 'false') {
    run();
  }
})();
